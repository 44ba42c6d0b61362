"""search ranking: a card's priority and the synonym list

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('priority', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('synonyms', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade():
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.drop_column('synonyms')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_column('priority')
