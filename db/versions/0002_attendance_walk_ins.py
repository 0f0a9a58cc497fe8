"""attendance: people who came to the workshop without an invitation

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 09:40:00

``labs.walk_ins``: how many came without an invitation (NULL: attendance not recorded yet).
Who of the invitees came is ``invitees.attended`` (already in 0001).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('labs') as batch_op:
        batch_op.add_column(sa.Column('walk_ins', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('labs') as batch_op:
        batch_op.drop_column('walk_ins')
