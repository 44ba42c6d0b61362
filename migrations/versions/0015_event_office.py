"""events belong to an office: events.office_id (every existing event put in the default office, the root)

Revision ID: 0015_event_office
Revises: 0014_offices
Create Date: 2026-12-07 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_event_office'
down_revision = '0014_offices'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_id', sa.Integer(), nullable=True))
    # The default office is the root 0014_offices made (id 1); the first root, should it have been replaced.
    op.execute("UPDATE events SET office_id = COALESCE("
               "(SELECT MIN(id) FROM offices WHERE parent_id IS NULL), 1)")
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('office_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_events_office_id'), ['office_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_events_office_id_offices'), 'offices', ['office_id'], ['id'],
                                    ondelete='RESTRICT')


def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_events_office_id_offices'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_events_office_id'))
        batch_op.drop_column('office_id')
