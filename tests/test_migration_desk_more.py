"""Migration 0020_office_accept_days: every office gets 3 days to accept; existing hearings, files and texts keep
their meaning (none cancelled, none removed); the schema matches the models, and the way back drops it all."""
import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision

TABLES = ("offices", "aid_hearings", "uploads", "aid_notifications")


def test_offices_get_three_days_and_the_schema_matches_the_models(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0019_hearings")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO offices (parent_id, path, name, kind, division, phone, address, created_at)"
                " VALUES (NULL, '/9/', '某县法律援助中心', 'legal_aid', '', '', '', '2026-01-01 00:00:00')")
    con.commit()
    con.close()
    with app.app_context():
        upgrade()
        assert set(db.session.execute(db.text("SELECT accept_days FROM offices")).scalars()) == {3}
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if any(t in repr(d) for t in TABLES)]
        assert diff == []
        downgrade(revision="0019_hearings")
        inspect = db.inspect(db.engine)
        assert "accept_days" not in {c["name"] for c in inspect.get_columns("offices")}
        assert "removed_at" not in {c["name"] for c in inspect.get_columns("uploads")}
        assert "sequence" not in {c["name"] for c in inspect.get_columns("aid_hearings")}
        assert "lawyer_id" not in {c["name"] for c in inspect.get_columns("aid_notifications")}
        db.engine.dispose()
