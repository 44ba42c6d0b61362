"""the worker's calculated claims (算一算, issue 24): aid_applications.claims, each as sent and as recomputed

Revision ID: 0026_claims
Revises: 0025_day_logs
Create Date: 2026-12-07 15:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0026_claims'
down_revision = '0025_day_logs'
branch_labels = None
depends_on = None


def upgrade():
    # NULL for every case there is: no claims (server/aid/claims.py reads NULL as none).
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claims', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.drop_column('claims')
