"""Migration 0028_audio_clips: the audio_clips table, matching the model (nothing autogenerate would add), and gone
again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision


def test_the_table_comes_and_goes_and_matches_the_model(tmp_path):
    app = app_at_revision(tmp_path / "old.db", "0027_event_quiz")
    with app.app_context():
        assert "audio_clips" not in db.inspect(db.engine).get_table_names()
        upgrade()
        columns = {c["name"]: c for c in db.inspect(db.engine).get_columns("audio_clips")}
        assert columns["owner_id"]["nullable"] and not columns["submission_id"]["nullable"]
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if "audio_clips" in repr(d)]
        assert diff == []
        downgrade(revision="0027_event_quiz")
        assert "audio_clips" not in db.inspect(db.engine).get_table_names()
        db.engine.dispose()
