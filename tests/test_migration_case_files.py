"""Migration 0016_case_files on a database with photos: each stays a worker's evidence photo (a JPEG with no kind),
the case page still lists it, and the new columns match the models (nothing autogenerate would add)."""
import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_old_photos_stay_the_workers_evidence_and_the_schema_matches_the_models(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0015_event_office")
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO uploads (id, submission_id, sha256, label, image_key, thumb_key, width, height,"
                    " bytes_in, bytes_out, application_id, created_at, attached_at, position)"
                    " VALUES (?, 's', '', '欠条', 'i', 't', 1, 1, 1, 1, NULL, '2026-01-01 00:00:00', NULL, ?)",
                    [("a", 0), ("b", 1)])
    con.commit()
    con.close()
    with app.app_context():
        upgrade()
        got = db.session.execute(db.text("SELECT id, content_type, kind, dated_on, pages, added_by_id FROM uploads"
                                         " ORDER BY id")).tuples().all()
        assert got == [("a", "image/jpeg", None, None, None, None), ("b", "image/jpeg", None, None, None, None)]
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "uploads" in repr(d)]
        assert diff == []
        downgrade(revision="0015_event_office")
        columns = {c["name"] for c in db.inspect(db.engine).get_columns("uploads")}
        assert "kind" not in columns and "content_type" not in columns
        db.engine.dispose()
