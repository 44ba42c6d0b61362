"""applications carry where the work was done: aid_applications.site_division (6-digit 行政区划代码, "" unknown)

Revision ID: 0017_site_division
Revises: 0016_case_files
Create Date: 2026-12-07 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_site_division'
down_revision = '0016_case_files'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('site_division', sa.String(length=6), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.drop_column('site_division')
