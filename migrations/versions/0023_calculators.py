"""content_version.calculators: content/calculators/ as loaded (rules, holidays, regions), carried by the pack

Revision ID: 0023_calculators
Revises: 0022_stats_indexes
Create Date: 2026-12-07 15:40:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0023_calculators'
down_revision = '0022_stats_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calculators', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))


def downgrade():
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.drop_column('calculators')
