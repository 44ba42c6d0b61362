"""offices as a tree: the offices table (materialised path), one default office, users.office_id and
aid_applications.office_id (every non-worker account and every application put in the default office)

Revision ID: 0014_offices
Revises: 0013_lawyer_firm
Create Date: 2026-12-07 07:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_offices'
down_revision = '0013_lawyer_firm'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'offices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('path', sa.String(length=255), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('division', sa.String(length=6), server_default='', nullable=False),
        sa.Column('phone', sa.String(length=32), server_default='', nullable=False),
        sa.Column('address', sa.String(length=200), server_default='', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['parent_id'], ['offices.id'], name=op.f('fk_offices_parent_id_offices'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offices')),
    )
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offices_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_offices_path', ['path'], unique=False,
                              postgresql_ops={'path': 'varchar_pattern_ops'})

    # The default office: the root, where everything that exists today goes.
    offices = sa.table('offices', sa.column('id', sa.Integer), sa.column('parent_id', sa.Integer),
                       sa.column('path', sa.String), sa.column('name', sa.String), sa.column('kind', sa.String),
                       sa.column('created_at', sa.DateTime(timezone=True)))
    op.execute(offices.insert().values(id=1, parent_id=None, path='/1/', name='本机构', kind='other',
                                       created_at=sa.func.current_timestamp()))
    if op.get_bind().dialect.name == 'postgresql':  # the id was given, so the sequence must move past it
        op.execute("SELECT setval(pg_get_serial_sequence('offices', 'id'), 1)")

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_office_id'), ['office_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_office_id_offices'), 'offices', ['office_id'], ['id'],
                                    ondelete='RESTRICT')
    op.execute("UPDATE users SET office_id = 1 WHERE role <> 'worker'")

    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_id', sa.Integer(), nullable=True))
    op.execute("UPDATE aid_applications SET office_id = 1")
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.alter_column('office_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_aid_applications_office_id'), ['office_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_aid_applications_office_id_offices'), 'offices', ['office_id'],
                                    ['id'], ondelete='RESTRICT')


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_applications_office_id_offices'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_aid_applications_office_id'))
        batch_op.drop_column('office_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_office_id_offices'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_office_id'))
        batch_op.drop_column('office_id')
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_index('ix_offices_path')
        batch_op.drop_index(batch_op.f('ix_offices_parent_id'))
    op.drop_table('offices')
