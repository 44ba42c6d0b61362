"""sites: a construction site's rights notice board (保障农民工工资支付条例第三十四条) with its short code and office;
aid_applications.site_id, the site an application came from, and its owner (建设单位)

Revision ID: 0023_sites
Revises: 0022_stats_indexes
Create Date: 2026-12-07 15:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0023_sites'
down_revision = '0022_stats_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sites',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.Column('division', sa.String(length=6), nullable=False),
        sa.Column('owner', sa.String(length=120), nullable=False),
        sa.Column('contractor', sa.String(length=120), nullable=False),
        sa.Column('subcontractor', sa.String(length=120), nullable=False),
        sa.Column('wage_officer', sa.String(length=40), nullable=False),
        sa.Column('wage_officer_phone', sa.String(length=32), nullable=False),
        sa.Column('pay_day', sa.String(length=60), nullable=False),
        sa.Column('minimum_wage', sa.String(length=60), nullable=False),
        sa.Column('inspection', sa.String(length=80), nullable=False),
        sa.Column('inspection_phone', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('board_printed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_sites_office_id_offices'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_sites_created_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
        sa.UniqueConstraint('code', name=op.f('uq_sites_code')),
    )
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sites_office_id'), ['office_id'], unique=False)
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('site_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_aid_applications_site_id'), ['site_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_aid_applications_site_id_sites'), 'sites', ['site_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_applications_site_id_sites'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_aid_applications_site_id'))
        batch_op.drop_column('site_id')
        batch_op.drop_column('owner')
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sites_office_id'))
    op.drop_table('sites')
