"""记工 (issue 23): day_logs — the worker's own day log sent with an application, or backed up by a worker signed in
by phone code; the log itself is one text under DATA_KEY

Revision ID: 0025_day_logs
Revises: 0024_calculators
Create Date: 2026-12-07 15:40:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0025_day_logs'
down_revision = '0024_calculators'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'day_logs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('client_id', sa.String(length=80), nullable=True),
        sa.Column('data_enc', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['aid_applications.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('application_id'),
        sa.UniqueConstraint('owner_id', 'client_id', name='uq_day_logs_owner_client'),
    )
    with op.batch_alter_table('day_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_day_logs_owner_id'), ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('day_logs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_day_logs_owner_id'))
    op.drop_table('day_logs')
