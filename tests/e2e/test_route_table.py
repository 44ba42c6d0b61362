"""The built service worker's precache lists follow the route table (pwa/src/routes.tsx): a lazy
screen is in the list every phone keeps if its row says 'all', in the 'later' list (every phone's,
fetched after the first visit) if it says 'later', in the volunteer's list if it says 'volunteer',
and in none if it says 'none' (the office's and the case screens, online only).
The router and the office's menu are held to the same table in pwa/tests/route-table.test.js."""
import json
import re
import shutil
import subprocess

from bench import pwa_size

from .conftest import missing
from .live_server import DIST, ROOT


def precache_lists():
    """Every user's list, the 'later' tier's and the volunteer's (bench/pwa_size.py reads them the same way)."""
    lists = pwa_size.precache_lists((DIST / "sw.js").read_text(encoding="utf-8"))
    assert set(lists) == {"all", "later", "volunteer"}, "sw.js: every user's list, the 'later' one, the volunteer's"
    return [e["url"] for e in lists["all"]], [e["url"] for e in lists["later"]], [e["url"] for e in lists["volunteer"]]


def test_the_precache_lists_follow_the_route_table():
    if not (DIST / "sw.js").is_file():
        missing("the PWA is not built (cd pwa && npm ci && npm run build)")
    node = shutil.which("node") or missing("no node")
    rows = json.loads(subprocess.run([node, "scripts/route-table.mjs"], cwd=ROOT / "pwa", check=True,
                                     capture_output=True, text=True).stdout)
    every, later, volunteer = precache_lists()
    lazy = {r["module"]: r["precache"] for r in rows if r["module"]}
    assert len(lazy) >= 15, lazy
    for module, precache in lazy.items():
        stem = module.rsplit("/", 1)[1].rsplit(".", 1)[0]
        chunk = re.compile(rf"^assets/{re.escape(stem)}-[\w-]{{8}}\.js$")
        found = ("all" if any(chunk.match(u) for u in every) else
                 "later" if any(chunk.match(u) for u in later) else
                 "volunteer" if any(chunk.match(u) for u in volunteer) else "none")
        assert found == precache, f"{module}: the table says {precache!r}, the built sw.js has it in {found!r}"
    # Nothing a 'none' screen reaches alone (an office page's parts) reaches a phone ahead either.
    assert not [u for u in every + later + volunteer if re.search(r"/?office-", u)], (every, later, volunteer)
    # The calculators are a phone's, but not its first visit's (bench/first_visit.py: under 120 KB).
    assert any(re.match(r"^assets/run-page-", u) for u in later) and not set(every) & set(later), later
