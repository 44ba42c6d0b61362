"""a case's private notes: aid_case_notes (a handler's note, seen by the case's handlers, never by the worker)

Revision ID: 0018_case_notes
Revises: 0017_site_division
Create Date: 2026-12-07 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_case_notes'
down_revision = '0017_site_division'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'aid_case_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('author_role', sa.String(length=16), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['aid_applications.id'],
                                name=op.f('fk_aid_case_notes_application_id_aid_applications')),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_aid_case_notes_author_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_case_notes')),
    )
    with op.batch_alter_table('aid_case_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_case_notes_application_id'), ['application_id'], unique=False)


def downgrade():
    with op.batch_alter_table('aid_case_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_case_notes_application_id'))
    op.drop_table('aid_case_notes')
