"""accounts: users.token_version (a new password or switching off ends every session); one phone mask

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_version', sa.Integer(), server_default='0', nullable=False))
    # One mask everywhere (server/pii.py mask_phone): 138****5678 becomes *******5678.
    op.execute("UPDATE users SET phone_masked = '*******' || substr(phone_masked, length(phone_masked) - 3) "
               "WHERE phone_masked IS NOT NULL AND length(phone_masked) >= 4 AND phone_masked NOT LIKE '*******%'")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('token_version')
