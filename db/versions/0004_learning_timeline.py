"""learning_examples: where a correction stands in the session, so a rebuilt clusterer learns as the live one did

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 13:40:00

``learning_examples.moved_from``: the topic key the app had chosen when the facilitator moved the card (NULL: not
a correction of the app's own choice, e.g. a merge or a card placed by hand before); from it the counts of cue
words and topics the facilitator keeps overruling are derived again after a restart. ``card_id``: the card moved;
``after_card_id``: the lab's newest card at that moment (the example's place among the implicit confirmations).
Rows from before 0004 stay NULL and are learned first, as before.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learning_examples') as batch_op:
        batch_op.add_column(sa.Column('moved_from', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('card_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('after_card_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('learning_examples') as batch_op:
        batch_op.drop_column('after_card_id')
        batch_op.drop_column('card_id')
        batch_op.drop_column('moved_from')
