"""Migration 0023_sites: the sites table and aid_applications.site_id, matching the models (nothing autogenerate
would add), and gone again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_the_table_and_the_link_come_and_go_and_match_the_models(tmp_path):
    app = app_at_revision(tmp_path / "old.db", "0022_stats_indexes")
    with app.app_context():
        assert "sites" not in db.inspect(db.engine).get_table_names()
        upgrade()
        column = {c["name"]: c for c in db.inspect(db.engine).get_columns("aid_applications")}["site_id"]
        assert column["nullable"]
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "sites" in repr(d) or "site_id" in repr(d)]
        assert diff == []
        downgrade(revision="0022_stats_indexes")
        assert "sites" not in db.inspect(db.engine).get_table_names()
        assert "site_id" not in {c["name"] for c in db.inspect(db.engine).get_columns("aid_applications")}
        db.engine.dispose()
