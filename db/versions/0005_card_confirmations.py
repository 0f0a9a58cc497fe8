"""cards.confirmed_key: the topic a card was confirmed in (left where the app put it when the next card came)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 15:10:00

A rebuilt clusterer (restart, undo) learns every confirmation the live board learned, also of cards deleted later,
under the topic it was learned in. NULL: not confirmed (yet). Cards of older databases are filled as the rebuild
derived it before: every automatically placed card but each lab's newest in its topic, a card moved by hand after
the next card had come in the topic it was moved out of.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cards') as batch_op:
        batch_op.add_column(sa.Column('confirmed_key', sa.String(length=80), nullable=True))
    op.execute(
        "UPDATE cards SET confirmed_key = (SELECT clusters.key FROM clusters WHERE clusters.id = cards.cluster_id) "
        "WHERE assigned_by = 'auto' AND deleted = false "
        "AND id < (SELECT max(newer.id) FROM cards newer WHERE newer.lab_id = cards.lab_id)")
    op.execute(
        "UPDATE cards SET confirmed_key = (SELECT e.moved_from FROM learning_examples e WHERE e.card_id = cards.id "
        "AND e.lab_id = cards.lab_id ORDER BY e.id LIMIT 1) "
        "WHERE confirmed_key IS NULL AND assigned_by = 'user' AND deleted = false "
        "AND EXISTS (SELECT 1 FROM learning_examples e WHERE e.card_id = cards.id AND e.lab_id = cards.lab_id "
        "AND e.moved_from IS NOT NULL AND e.after_card_id > cards.id)")


def downgrade() -> None:
    with op.batch_alter_table('cards') as batch_op:
        batch_op.drop_column('confirmed_key')
