"""Liveness and readiness for the process manager and the load balancer."""
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify

from .extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Ready when the database answers and its schema is at the newest migration."""
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    except Exception:  # noqa: BLE001  any database failure means not ready
        current_app.logger.exception("readiness: database unreachable")
        return jsonify(code=503, status="Service Unavailable", message="数据库连接不上。", ready=False), 503
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    heads = set(script.get_heads())
    if current != heads:
        return jsonify(code=503, status="Service Unavailable", message="数据库结构不是最新版本，请先执行迁移。",
                       ready=False, database=sorted(current), expected=sorted(heads)), 503
    return jsonify(status="ok", ready=True, migration=sorted(heads))
