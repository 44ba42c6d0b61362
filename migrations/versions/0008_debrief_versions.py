"""debriefs kept as versions: every submission, with who sent it and when

Revision ID: 0008_debrief_versions
Revises: 0007_cases
Create Date: 2026-12-01 12:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_debrief_versions'
down_revision = '0007_cases'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_report_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('worry', sa.Text(), nullable=False),
    sa.Column('urgent_problem', sa.Text(), nullable=False),
    sa.Column('service_suggestion', sa.Text(), nullable=False),
    sa.Column('next_event_suggestion', sa.Text(), nullable=False),
    sa.Column('people_reached', sa.Integer(), nullable=False),
    sa.Column('leaflets_given', sa.Integer(), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_report_versions_event_id_events')),
    sa.ForeignKeyConstraint(['submitted_by'], ['users.id'], name=op.f('fk_event_report_versions_submitted_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_report_versions')),
    sa.UniqueConstraint('event_id', 'version', name=op.f('uq_event_report_versions_event_id'))
    )
    with op.batch_alter_table('event_report_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_report_versions_event_id'), ['event_id'], unique=False)
    # The debriefs sent before versions were kept become each event's first version.
    op.execute("INSERT INTO event_report_versions (event_id, version, worry, urgent_problem, service_suggestion, "
               "next_event_suggestion, people_reached, leaflets_given, submitted_by, submitted_at) "
               "SELECT event_id, 1, worry, urgent_problem, service_suggestion, next_event_suggestion, "
               "people_reached, leaflets_given, submitted_by, updated_at FROM event_reports")


def downgrade():
    with op.batch_alter_table('event_report_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_report_versions_event_id'))
    op.drop_table('event_report_versions')
