"""the prize quiz at events: event_quizzes (an event's quiz settings and its questions) and quiz_results (one per
attendance, scored by the server, with the prize handed over)

Revision ID: 0027_event_quiz
Revises: 0026_claims
Create Date: 2026-12-07 15:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0027_event_quiz'
down_revision = '0026_claims'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'event_quizzes',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('question_count', sa.Integer(), nullable=False),
        sa.Column('pass_mark', sa.Integer(), nullable=False),
        sa.Column('topics', sa.JSON(), nullable=False),
        sa.Column('question_keys', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_quizzes_event_id_events'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_quizzes')),
    )
    op.create_table(
        'quiz_results',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('passed', sa.Boolean(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('operation_id', sa.String(length=80), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('prize_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('prize_device_id', sa.String(length=64), nullable=False),
        sa.Column('prize_operation_id', sa.String(length=36), nullable=True),
        sa.Column('prize_by_user_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], name=op.f('fk_quiz_results_attendee_id_attendees')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_quiz_results_event_id_events')),
        sa.ForeignKeyConstraint(['prize_by_user_id'], ['users.id'],
                                name=op.f('fk_quiz_results_prize_by_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_results')),
        sa.UniqueConstraint('attendee_id', name=op.f('uq_quiz_results_attendee_id')),
    )
    with op.batch_alter_table('quiz_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_results_event_id'), ['event_id'], unique=False)


def downgrade():
    with op.batch_alter_table('quiz_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_results_event_id'))
    op.drop_table('quiz_results')
    op.drop_table('event_quizzes')
