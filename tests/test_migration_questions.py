"""Migration 0029_questions: questions and question_messages come, aid_notifications may hold a question's text
(question_id, application_id nullable), uploads may belong to a question; all matching the models (nothing
autogenerate would add) and gone again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from server.extensions import db
from tests.conftest import app_at_revision

BEFORE = "0028_audio_clips"
TABLES = ("questions", "question_messages", "aid_notifications", "uploads")


def _columns(table: str) -> dict:
    return {c["name"]: c for c in db.inspect(db.engine).get_columns(table)}


def test_the_tables_come_and_go_and_match_the_models(tmp_path):
    app = app_at_revision(tmp_path / "old.db", BEFORE)
    with app.app_context():
        assert not db.inspect(db.engine).has_table("questions")
        upgrade(revision="0029_questions")
        assert _columns("aid_notifications")["application_id"]["nullable"]
        assert "question_id" in _columns("uploads")
        with db.engine.connect() as conn:
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata)
                    if any(t in repr(d) for t in TABLES)]
        assert diff == []
        downgrade(revision=BEFORE)
        assert not db.inspect(db.engine).has_table("questions")
        assert "question_id" not in _columns("aid_notifications")
        assert not _columns("aid_notifications")["application_id"]["nullable"]
        db.engine.dispose()
