"""The built service worker's precache lists follow the route table (pwa/src/routes.tsx): a lazy
screen is in the list every phone keeps if its row says 'all', in the volunteer's list if it says
'volunteer', and in neither if it says 'none' (the office's and the case screens, online only).
The router and the office's menu are held to the same table in pwa/tests/route-table.test.js."""
import json
import re
import shutil
import subprocess

from .conftest import missing
from .live_server import DIST, ROOT


def precache_lists():
    """Every user's list, the volunteer's and the 'later' one (in that order in sw.js, as src/sw.ts reads them)."""
    sw = (DIST / "sw.js").read_text(encoding="utf-8")
    lists = [[e["url"] for e in json.loads(m)] for m in re.findall(r'\[\{"(?:revision|url)":.*?\}\]', sw)]
    every = next(lst for lst in lists if "index.html" in lst)
    others = [lst for lst in lists if lst is not every]
    assert len(others) == 2, "sw.js should hold three lists: every user's, the volunteer's and the 'later' one"
    return every, others[0], others[1]


def test_the_precache_lists_follow_the_route_table():
    if not (DIST / "sw.js").is_file():
        missing("the PWA is not built (cd pwa && npm ci && npm run build)")
    node = shutil.which("node") or missing("no node")
    rows = json.loads(subprocess.run([node, "scripts/route-table.mjs"], cwd=ROOT / "pwa", check=True,
                                     capture_output=True, text=True).stdout)
    every, volunteer, later = precache_lists()
    lazy = {r["module"]: r["precache"] for r in rows if r["module"]}
    assert len(lazy) >= 15, lazy
    for module, precache in lazy.items():
        stem = module.rsplit("/", 1)[1].rsplit(".", 1)[0]
        chunk = re.compile(rf"^assets/{re.escape(stem)}-[\w-]{{8}}\.js$")
        found = ("all" if any(chunk.match(u) for u in every) else
                 "volunteer" if any(chunk.match(u) for u in volunteer) else
                 "later" if any(chunk.match(u) for u in later) else "none")
        assert found == precache, f"{module}: the table says {precache!r}, the built sw.js has it in {found!r}"
    # Nothing a 'none' screen reaches alone (an office page's parts) reaches a phone ahead either.
    assert not [u for u in every + volunteer + later if re.search(r"/?office-", u)], (every, volunteer, later)
