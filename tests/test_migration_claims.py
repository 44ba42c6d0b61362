"""Migration 0026_claims: aid_applications gains the JSON column `claims` (NULL for the cases there are: none),
matching the models (nothing autogenerate would add), and goes again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision

BEFORE = "0025_day_logs"


def columns() -> dict:
    return {c["name"]: c for c in db.inspect(db.engine).get_columns("aid_applications")}


def test_the_column_comes_and_goes_and_matches_the_model(tmp_path):
    app = app_at_revision(tmp_path / "old.db", BEFORE)
    with app.app_context():
        assert "claims" not in columns()
        upgrade()
        assert columns()["claims"]["nullable"]
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "aid_applications" in repr(d)]
        assert diff == []
        downgrade(revision=BEFORE)
        assert "claims" not in columns()
        db.engine.dispose()
