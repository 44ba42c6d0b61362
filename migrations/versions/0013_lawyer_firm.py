"""a lawyer's law firm: users.law_firm (told to the workers they are assigned to, beside the office phone)

Revision ID: 0013_lawyer_firm
Revises: 0011_replay_owner
Create Date: 2026-12-07 03:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_lawyer_firm'
down_revision = '0011_replay_owner'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('law_firm', sa.String(length=120), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('law_firm')
