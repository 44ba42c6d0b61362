"""Migration 0010_upload_position numbers the photos already attached by when they were attached, then by id."""
import sqlite3

from flask_migrate import upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_old_photos_are_numbered_in_the_order_the_case_page_showed_them(tmp_path):
    path = tmp_path / "old.db"
    app = app_at_revision(path, "0009_must_change_password")
    con = sqlite3.connect(path)  # no foreign keys enforced: the applications themselves do not matter here
    rows = [("b", 1, "2026-03-01 10:00:00"), ("a", 1, "2026-03-01 10:00:00"), ("c", 1, "2026-02-01 09:00:00"),
            ("z", 2, "2026-03-05 10:00:00"), ("loose", None, None)]
    con.executemany("INSERT INTO uploads (id, submission_id, sha256, label, image_key, thumb_key, width, height,"
                    " bytes_in, bytes_out, application_id, created_at, attached_at)"
                    " VALUES (?, 's', '', '', 'i', 't', 1, 1, 1, 1, ?, '2026-01-01 00:00:00', ?)", rows)
    con.commit()
    con.close()
    with app.app_context():
        # Only up to this migration: a later one that rebuilds the uploads table (0016_case_files, on SQLite)
        # checks foreign keys, and these rows name applications this test never made.
        upgrade(revision="0010_upload_position")
        got = dict(db.session.execute(db.text("SELECT id, position FROM uploads")).tuples().all())
        db.engine.dispose()
    assert got == {"c": 0, "a": 1, "b": 2, "z": 0, "loose": None}
