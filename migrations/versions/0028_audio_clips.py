"""voice clips (issue 22): audio_clips, one row per recorded clip (a question, a follow-up, a spoken answer),
converted to AAC in MP4 and attached to its owner by the domain that owns it

Revision ID: 0028_audio_clips
Revises: 0027_event_quiz
Create Date: 2026-12-07 19:05:41
"""
from alembic import op
import sqlalchemy as sa


revision = '0028_audio_clips'
down_revision = '0027_event_quiz'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audio_clips',
        sa.Column('id', sa.String(length=80), nullable=False),
        sa.Column('submission_id', sa.String(length=80), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('source_key', sa.String(length=80), nullable=False),
        sa.Column('duration_ms', sa.Integer(), nullable=False),
        sa.Column('bytes_in', sa.Integer(), nullable=False),
        sa.Column('bytes_out', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('owner_kind', sa.String(length=30), nullable=True),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('attached_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audio_clips')),
    )
    with op.batch_alter_table('audio_clips', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audio_clips_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_audio_clips_owner', ['owner_kind', 'owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audio_clips_submission_id'), ['submission_id'], unique=False)


def downgrade():
    with op.batch_alter_table('audio_clips', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audio_clips_submission_id'))
        batch_op.drop_index('ix_audio_clips_owner')
        batch_op.drop_index(batch_op.f('ix_audio_clips_created_at'))
    op.drop_table('audio_clips')
