"""replay records without personal data: idempotency_keys.reference and .user_id; sync results without QR tokens

Revision ID: 0011_replay_owner
Revises: 0010_upload_position
Create Date: 2026-12-07 04:00:00

A key's success answer was stored whole (a case view: phones, ID number) for a week. Now a key keeps its
status and a reference (the application's or attendee's id) and the view rebuilds the answer on a retry;
the answers kept so far are cut down to that reference here. Keys made before this revision have no
owner (NULL, as an anonymous key), and their retries still pass the views' own access checks.
Offline sync results kept the attendee's QR token; it is rebuilt from the attendee on a replay now.
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0011_replay_owner'
down_revision = '0010_upload_position'
branch_labels = None
depends_on = None


def _loaded(value):
    return json.loads(value) if isinstance(value, str) else value


def upgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
    keys = sa.table('idempotency_keys', sa.column('key', sa.String), sa.column('status_code', sa.Integer),
                    sa.column('response', sa.JSON), sa.column('reference', sa.JSON))
    bind = op.get_bind()
    rows = bind.execute(sa.select(keys.c.key, keys.c.status_code, keys.c.response).where(keys.c.status_code < 400))
    for key, status, response in rows.all():
        response = _loaded(response)
        # A sign-up's answer names its attendee, an application's its id; a case move's and a tracking
        # answer's view is rebuilt from the request itself (the case id in the path, code and phone in the body).
        ref = None
        if isinstance(response, dict):
            ref = response.get("attendee_id", response.get("id"))
            if "attendee_id" in response:
                ref = [ref, status == 201]  # (attendee, created): 200 went to the phone's owner, checked again
        bind.execute(keys.update().where(keys.c.key == key).values(response=None, reference=ref))
    ops = sa.table('sync_operations', sa.column('id', sa.String), sa.column('result', sa.JSON))
    for op_id, result in bind.execute(sa.select(ops.c.id, ops.c.result)).all():
        result = _loaded(result)
        if isinstance(result, dict) and "qr_token" in result:
            bind.execute(ops.update().where(ops.c.id == op_id)
                         .values(result={k: v for k, v in result.items() if k != "qr_token"}))


def downgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_column('user_id')
        batch_op.drop_column('reference')
