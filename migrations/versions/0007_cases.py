"""case handling: stages, clocks, lawyer, groups and duplicates; notifications; lawyers' office phones

Revision ID: 0007_cases
Revises: 0006
Create Date: 2026-12-01 12:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_cases'
down_revision = '0006'
branch_labels = None
depends_on = None

NEW_INDEXES = ("lawyer_id", "due_on", "limitation_due_on", "employer_key", "site_key", "group_key")


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_phone', sa.String(length=32), server_default='', nullable=False))

    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lawyer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('checklist', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('stage_before_materials', sa.String(length=24), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('materials_request', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('paused_days', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('paused_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('limitation_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('follow_up', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('employer_key', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('site_key', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('group_key', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('likely_duplicate', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_aid_applications_lawyer_id_users'), 'users', ['lawyer_id'],
                                    ['id'], ondelete='SET NULL')
        for column in NEW_INDEXES:
            batch_op.create_index(batch_op.f(f'ix_aid_applications_{column}'), [column], unique=False)

    with op.batch_alter_table('aid_timeline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('action', sa.String(length=24), server_default='', nullable=False))
        batch_op.add_column(sa.Column('detail', sa.JSON(), nullable=True))

    op.create_table('aid_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['aid_applications.id'],
                            name=op.f('fk_aid_notifications_application_id_aid_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_notifications'))
    )
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_notifications_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_notifications_status'), ['status'], unique=False)

    _backfill()


def _backfill():
    """Applications made before this revision: their group keys, duplicate flags and clocks."""
    from server.aid import linking
    bind = op.get_bind()
    apps = sa.table('aid_applications', sa.column('id', sa.Integer), sa.column('employer_name', sa.String),
                    sa.column('site', sa.String), sa.column('city', sa.String),
                    sa.column('employer_key', sa.String), sa.column('site_key', sa.String),
                    sa.column('group_key', sa.String))
    rows = bind.execute(sa.select(apps.c.id, apps.c.employer_name, apps.c.site, apps.c.city)
                        .order_by(apps.c.id)).all()
    keyed = [(r.id, linking.employer_key(r.employer_name), linking.site_key(r.site, r.city)) for r in rows]
    for app_id, group in linking.groups(keyed).items():
        e, s = next((e, s) for i, e, s in keyed if i == app_id)
        bind.execute(apps.update().where(apps.c.id == app_id).values(employer_key=e, site_key=s, group_key=group))


def downgrade():
    with op.batch_alter_table('aid_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_notifications_status'))
        batch_op.drop_index(batch_op.f('ix_aid_notifications_application_id'))
    op.drop_table('aid_notifications')

    with op.batch_alter_table('aid_timeline', schema=None) as batch_op:
        batch_op.drop_column('detail')
        batch_op.drop_column('action')

    with op.batch_alter_table('aid_applications', schema=None) as batch_op:
        for column in NEW_INDEXES:
            batch_op.drop_index(batch_op.f(f'ix_aid_applications_{column}'))
        batch_op.drop_constraint(batch_op.f('fk_aid_applications_lawyer_id_users'), type_='foreignkey')
        for column in ('likely_duplicate', 'group_key', 'site_key', 'employer_key', 'follow_up', 'outcome',
                       'limitation_due_on', 'due_on', 'assigned_at', 'decided_at', 'accepted_at', 'paused_since',
                       'paused_days', 'materials_request', 'stage_before_materials', 'checklist', 'lawyer_id'):
            batch_op.drop_column(column)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('office_phone')
