"""each case's first steps on its row (server/aid/firsts.py): aid_applications.first_accept_at, first_approve_at,
first_refuse_at, first_not_accept_at, first_withdraw_at, first_assign_at, first_close_at, first_follow_up_at and
first_ask_at, filled for the cases there are from their timelines; the work-report figures count these columns

Revision ID: 0031_stats_first_steps
Revises: 0027_event_quiz
Create Date: 2026-12-07 19:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0031_stats_first_steps'
down_revision = '0030_daylog_confirmations'
branch_labels = None
depends_on = None

# column → the actions whose first makes it (as server/aid/firsts.py FIRSTS was when this was written)
FIRSTS = {'first_accept_at': ('accept',), 'first_approve_at': ('approve',), 'first_refuse_at': ('refuse_aid',),
          'first_not_accept_at': ('not_accept',), 'first_withdraw_at': ('withdraw', 'materials_timeout'),
          'first_assign_at': ('assign',), 'first_close_at': ('close',), 'first_follow_up_at': ('follow_up',),
          'first_ask_at': ('request_materials',)}


def upgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        for column in FIRSTS:
            batch_op.add_column(sa.Column(column, sa.DateTime(timezone=True), nullable=True))
    # every case's first of each kind from its timeline: one correlated MIN per column, each read from the index
    # ix_aid_timeline_action_case_at (action, application_id, at)
    sets = ', '.join(
        f"{column} = (SELECT MIN(t.at) FROM aid_timeline t WHERE t.application_id = aid_applications.id"
        f" AND t.action IN ({', '.join(repr(action) for action in actions)}))" for column, actions in FIRSTS.items())
    op.execute(f'UPDATE aid_applications SET {sets}')


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        for column in reversed(FIRSTS):
            batch_op.drop_column(column)
