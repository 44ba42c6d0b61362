"""a case's particulars (案件要素): aid_applications.particulars, the JSON the handlers fill in for the papers

Revision ID: 0021_case_particulars
Revises: 0020_office_accept_days
Create Date: 2026-12-07 12:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0021_case_particulars'
down_revision = '0020_office_accept_days'
branch_labels = None
depends_on = None


def upgrade():
    # NULL for every case there is: read as the defaults (server/aid/cases/particulars.py).
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('particulars', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.drop_column('particulars')
