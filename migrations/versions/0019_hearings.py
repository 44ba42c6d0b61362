"""a case's hearings: aid_hearings (a 调解, 开庭 or 仲裁 date with its place; 我的日程, the .ics, the tracking page)

Revision ID: 0019_hearings
Revises: 0018_case_notes
Create Date: 2026-12-07 10:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0019_hearings'
down_revision = '0018_case_notes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'aid_hearings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('cancelled', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['aid_applications.id'],
                                name=op.f('fk_aid_hearings_application_id_aid_applications')),
        sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_aid_hearings_created_by_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_hearings')),
    )
    with op.batch_alter_table('aid_hearings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_hearings_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_hearings_starts_at'), ['starts_at'], unique=False)


def downgrade():
    with op.batch_alter_table('aid_hearings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_hearings_starts_at'))
        batch_op.drop_index(batch_op.f('ix_aid_hearings_application_id'))
    op.drop_table('aid_hearings')
