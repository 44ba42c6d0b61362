"""Migration 0032_site_board_printed: sites.first_printed_at (and its index) matching the model, filled from the
latest print for the sites there are, and gone again on downgrade."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from server.extensions import db
from tests.conftest import app_at_revision

BEFORE = "0031_stats_first_steps"


def _columns() -> set[str]:
    return {c["name"] for c in db.inspect(db.engine).get_columns("sites")}


def test_the_column_comes_filled_and_goes(tmp_path):
    app = app_at_revision(tmp_path / "old.db", BEFORE)
    with app.app_context():
        assert "first_printed_at" not in _columns()
        columns = ("id, code, office_id, name, address, division, owner, contractor, subcontractor, wage_officer, "
                   "wage_officer_phone, pay_day, minimum_wage, inspection, inspection_phone, status, board_printed_at, "
                   "created_at, updated_at")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO offices (id, path, name, kind, division, phone, address, created_at) "
                              "VALUES (900, '900', '甲县', 'legal_aid', '510100', '', '', '2026-01-01 00:00:00')"))
            for n, printed in ((1, "'2026-03-01 02:00:00'"), (2, "NULL")):
                conn.execute(text(f"INSERT INTO sites ({columns}) VALUES ({n}, 'S{n}', 900, '工地', "
                                  + "'', " * 11 + f"'active', {printed}, '2026-01-01', '2026-01-01')"))
        upgrade()
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT id, first_printed_at FROM sites ORDER BY id")).all())
            diff = [d for d in compare_metadata(MigrationContext.configure(conn), db.metadata) if "sites" in repr(d)]
        assert rows[2] is None and str(rows[1]).startswith("2026-03-01 02:00:00")
        assert diff == []
        downgrade(revision=BEFORE)
        assert "first_printed_at" not in _columns()
        db.engine.dispose()
