"""问一问 (issue 22): questions and question_messages; a text about a question is an aid_notifications row with
question_id (application_id then empty); an upload may belong to a question (its photo) before any application

Revision ID: 0029_questions
Revises: 0028_audio_clips
Create Date: 2026-12-07 19:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0029_questions'
down_revision = '0028_audio_clips'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=80), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=12), nullable=False),
        sa.Column('case_type', sa.String(length=24), nullable=False),
        sa.Column('text_enc', sa.Text(), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=True),
        sa.Column('left_on', sa.Date(), nullable=True),
        sa.Column('injured_on', sa.Date(), nullable=True),
        sa.Column('limitation_due_on', sa.Date(), nullable=True),
        sa.Column('city', sa.String(length=60), nullable=False),
        sa.Column('district', sa.String(length=60), nullable=False),
        sa.Column('site_division', sa.String(length=6), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=True),
        sa.Column('phone_hash', sa.String(length=64), nullable=True),
        sa.Column('phone_enc', sa.String(length=255), nullable=True),
        sa.Column('phone_masked', sa.String(length=16), nullable=False),
        sa.Column('consent_privacy', sa.Boolean(), nullable=False),
        sa.Column('consent_sensitive', sa.Boolean(), nullable=False),
        sa.Column('upload_ids', sa.JSON(), nullable=False),
        sa.Column('has_audio', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('claimed_by_id', sa.Integer(), nullable=True),
        sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('verdict', sa.String(length=12), nullable=False),
        sa.Column('verdict_reason', sa.String(length=200), nullable=False),
        sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('offer', sa.JSON(), nullable=True),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('logged_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['aid_applications.id'],
                                name=op.f('fk_questions_application_id_aid_applications'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_questions_claimed_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_questions_event_id_events'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['logged_by_id'], ['users.id'], name=op.f('fk_questions_logged_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_questions_office_id_offices'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_questions_site_id_sites'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
        sa.UniqueConstraint('client_id', name=op.f('uq_questions_client_id')),
        sa.UniqueConstraint('code', name=op.f('uq_questions_code')),
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        for column in ('office_id', 'channel', 'limitation_due_on', 'phone_hash', 'status', 'application_id',
                       'created_at'):
            batch_op.create_index(batch_op.f(f'ix_questions_{column}'), [column], unique=False)
    op.create_table(
        'question_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=80), nullable=False),
        sa.Column('author', sa.String(length=10), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('text_enc', sa.Text(), nullable=False),
        sa.Column('audio_id', sa.String(length=80), nullable=True),
        sa.Column('duration_ms', sa.Integer(), nullable=True),
        sa.Column('card_slugs', sa.JSON(), nullable=False),
        sa.Column('next_step', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_question_messages_author_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['question_id'], ['questions.id'],
                                name=op.f('fk_question_messages_question_id_questions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_messages')),
        sa.UniqueConstraint('client_id', name=op.f('uq_question_messages_client_id')),
    )
    with op.batch_alter_table('question_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_messages_question_id'), ['question_id'], unique=False)
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.alter_column('application_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('question_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_aid_notifications_question_id'), ['question_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_aid_notifications_question_id_questions'), 'questions',
                                    ['question_id'], ['id'])
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_uploads_question_id'), ['question_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_uploads_question_id_questions'), 'questions',
                                    ['question_id'], ['id'])


def downgrade():
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_uploads_question_id_questions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_uploads_question_id'))
        batch_op.drop_column('question_id')
    op.execute("DELETE FROM aid_notifications WHERE application_id IS NULL")
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_notifications_question_id_questions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_aid_notifications_question_id'))
        batch_op.drop_column('question_id')
        batch_op.alter_column('application_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('question_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_messages_question_id'))
    op.drop_table('question_messages')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        for column in ('office_id', 'channel', 'limitation_due_on', 'phone_hash', 'status', 'application_id',
                       'created_at'):
            batch_op.drop_index(batch_op.f(f'ix_questions_{column}'))
    op.drop_table('questions')
