"""记工 (issue 23): day_log_confirmations — a co-worker's confirmation of days of a worker's log, sent under the
log's random id (keyed hash and under DATA_KEY), the co-worker's phone (keyed hash and under DATA_KEY) and what they
said (name, masked phone, days: under DATA_KEY)

Revision ID: 0030_daylog_confirmations
Revises: 0027_event_quiz
Create Date: 2026-12-07 19:20:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0030_daylog_confirmations'
down_revision = '0029_questions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'day_log_confirmations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('log_enc', sa.Text(), nullable=False),
        sa.Column('log_hash', sa.String(length=64), nullable=False),
        sa.Column('site_code', sa.String(length=12), nullable=False),
        sa.Column('phone_enc', sa.Text(), nullable=False),
        sa.Column('phone_hash', sa.String(length=64), nullable=False),
        sa.Column('data_enc', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('day_log_confirmations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_day_log_confirmations_log_hash'), ['log_hash'], unique=False)


def downgrade():
    with op.batch_alter_table('day_log_confirmations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_day_log_confirmations_log_hash'))
    op.drop_table('day_log_confirmations')
