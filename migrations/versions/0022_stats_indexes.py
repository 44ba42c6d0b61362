"""the work-report figures' indexes: aid_timeline (action, application_id, at) and (at) — each case's first step of
a kind, looked for only among the cases with such a step in the period, is read from the index alone

Revision ID: 0022_stats_indexes
Revises: 0021_case_particulars
Create Date: 2026-12-07 13:50:00
"""
from alembic import op


revision = '0022_stats_indexes'
down_revision = '0021_case_particulars'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('aid_timeline', schema=None) as batch_op:
        batch_op.create_index('ix_aid_timeline_action_case_at', ['action', 'application_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_timeline_at'), ['at'], unique=False)


def downgrade():
    with op.batch_alter_table('aid_timeline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_timeline_at'))
        batch_op.drop_index('ix_aid_timeline_action_case_at')
