"""accounts: users.must_change_password (a one-time password set by an admin is changed at first sign-in)

Revision ID: 0009_must_change_password
Revises: 0008_debrief_versions
Create Date: 2026-12-01 12:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0009_must_change_password'
down_revision = '0008_debrief_versions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
