"""Migration 0021_case_particulars: aid_applications gains the JSON column `particulars` (NULL for the cases there
are, read as the defaults), matching the models (nothing autogenerate would add), and goes again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_the_column_comes_and_goes_and_matches_the_model(tmp_path):
    app = app_at_revision(tmp_path / "old.db", "0020_office_accept_days")
    with app.app_context():
        assert "particulars" not in {c["name"] for c in db.inspect(db.engine).get_columns("aid_applications")}
        upgrade()
        column = {c["name"]: c for c in db.inspect(db.engine).get_columns("aid_applications")}["particulars"]
        assert column["nullable"]
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "aid_applications" in repr(d)]
        assert diff == []
        downgrade(revision="0020_office_accept_days")
        assert "particulars" not in {c["name"] for c in db.inspect(db.engine).get_columns("aid_applications")}
        db.engine.dispose()
