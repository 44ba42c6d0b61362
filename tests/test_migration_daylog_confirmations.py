"""Migration 0030_daylog_confirmations: the day_log_confirmations table, matching the model (nothing autogenerate
would add), and gone again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision

BEFORE = "0029_questions"


def test_the_table_comes_and_goes_and_matches_the_model(tmp_path):
    app = app_at_revision(tmp_path / "old.db", BEFORE)
    with app.app_context():
        assert "day_log_confirmations" not in db.inspect(db.engine).get_table_names()
        upgrade()
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "day_log_confirmations" in repr(d)]
        assert diff == []
        downgrade(revision=BEFORE)
        assert "day_log_confirmations" not in db.inspect(db.engine).get_table_names()
        db.engine.dispose()
