"""sites.first_printed_at: the first time a site's board was fetched to print (the figures' 已印公示牌, issue 25);
filled for the sites there are from board_printed_at (the latest print: the best known)

Revision ID: 0032_site_board_printed
Revises: 0031_stats_first_steps
Create Date: 2026-12-07 20:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0032_site_board_printed'
down_revision = '0031_stats_first_steps'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_printed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_sites_first_printed_at', ['first_printed_at'], unique=False)
    op.execute("UPDATE sites SET first_printed_at = board_printed_at")


def downgrade():
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_index('ix_sites_first_printed_at')
        batch_op.drop_column('first_printed_at')
