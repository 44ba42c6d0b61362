"""Migration 0023_calculators: content_version gains the JSON column `calculators` ({} until the next content
load), matching the model, and loses it again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_the_column_comes_and_goes_and_matches_the_model(tmp_path):
    app = app_at_revision(tmp_path / "old.db", "0022_stats_indexes")
    with app.app_context():
        db.session.execute(db.text("INSERT INTO content_version (id, version, digest, synonyms, updated_at) "
                                   "VALUES (1, 4, 'x', '[]', '2026-12-01 00:00:00')"))
        db.session.commit()
        upgrade()
        assert db.session.execute(db.text("SELECT calculators FROM content_version")).scalar() == "{}"
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "content_version" in repr(d)]
        assert diff == []
        downgrade(revision="0022_stats_indexes")
        assert "calculators" not in {c["name"] for c in db.inspect(db.engine).get_columns("content_version")}
        db.engine.dispose()
