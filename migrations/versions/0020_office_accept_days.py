"""the desk, more (issue 21): offices.accept_days (the days a lawyer has to accept an assignment); a hearing's
cancellation kept (cancelled_at, cancelled_by) and its RFC 5545 sequence; an office file removed by mistake kept
(uploads.removed_at, removed_by_id); the lawyer a text to the worker names (aid_notifications.lawyer_id)

Revision ID: 0020_office_accept_days
Revises: 0019_hearings
Create Date: 2026-12-07 12:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0020_office_accept_days'
down_revision = '0019_hearings'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accept_days', sa.Integer(), server_default='3', nullable=False))
    with op.batch_alter_table('aid_hearings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_aid_hearings_cancelled_by_users'), 'users', ['cancelled_by'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('removed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_uploads_removed_by_id_users'), 'users', ['removed_by_id'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lawyer_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_aid_notifications_lawyer_id_users'), 'users', ['lawyer_id'],
                                    ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_notifications_lawyer_id_users'), type_='foreignkey')
        batch_op.drop_column('lawyer_id')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_uploads_removed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('removed_by_id')
        batch_op.drop_column('removed_at')
    with op.batch_alter_table('aid_hearings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_hearings_cancelled_by_users'), type_='foreignkey')
        batch_op.drop_column('sequence')
        batch_op.drop_column('cancelled_by')
        batch_op.drop_column('cancelled_at')
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_column('accept_days')
