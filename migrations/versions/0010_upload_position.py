"""evidence order: uploads.position (the worker's order of the photos within an application)

Revision ID: 0010_upload_position
Revises: 0009_must_change_password
Create Date: 2026-12-01 13:20:00

Photos attached before this revision are numbered by when they were attached, then by id (the order
the case page showed them in until now).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_upload_position'
down_revision = '0009_must_change_password'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=True))
    uploads = sa.table('uploads', sa.column('id', sa.String), sa.column('application_id', sa.Integer),
                       sa.column('attached_at', sa.DateTime), sa.column('position', sa.Integer))
    bind = op.get_bind()
    rows = bind.execute(sa.select(uploads.c.id, uploads.c.application_id)
                        .where(uploads.c.application_id.is_not(None))
                        .order_by(uploads.c.application_id, uploads.c.attached_at, uploads.c.id)).all()
    numbers: dict[int, int] = {}
    for upload_id, application_id in rows:
        position = numbers.get(application_id, 0)
        numbers[application_id] = position + 1
        bind.execute(uploads.update().where(uploads.c.id == upload_id).values(position=position))


def downgrade():
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_column('position')
