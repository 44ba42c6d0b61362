"""the case file: uploads.kind, dated_on, content_type, pages, added_by_id (files the office attaches to a case)

Revision ID: 0016_case_files
Revises: 0015_event_office
Create Date: 2026-12-07 09:30:00

Every upload before this revision is a worker's evidence photo: kind NULL, content_type image/jpeg.
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_case_files'
down_revision = '0015_event_office'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_type', sa.String(length=40), server_default='image/jpeg',
                                      nullable=False))
        batch_op.add_column(sa.Column('kind', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('dated_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('pages', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('added_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_uploads_added_by_id_users'), 'users', ['added_by_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_uploads_added_by_id_users'), type_='foreignkey')
        batch_op.drop_column('added_by_id')
        batch_op.drop_column('pages')
        batch_op.drop_column('dated_on')
        batch_op.drop_column('kind')
        batch_op.drop_column('content_type')
