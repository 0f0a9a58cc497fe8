"""cards: the reason for a card's place as data (rendered in the UI language)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 13:30:00

``cards.reason_data``: the structured reason as JSON (kind, topic, cue words, example card, language …;
``quartierslabor_app.core.card_reasons``). ``cards.reason`` keeps the German text. Existing rows are left as they
are (NULL): the app reads their German text back, so a shared city database is not rewritten by the upgrade and
the downgrade only drops the column.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cards') as batch_op:
        batch_op.add_column(sa.Column('reason_data', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cards') as batch_op:
        batch_op.drop_column('reason_data')
