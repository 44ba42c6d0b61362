"""The PWA's folders show its domains as server/ does: every module lives in core/ (shared ground)
or a domain folder. The import graph (core/ imports no domain, no page imports another page, only
the router imports a page) is checked by pwa/tests/import-graph.test.js, which the PWA's unit tests
run (npm run test:unit, tests/test_pwa_units.py)."""
from tests.conftest import ROOT

SRC = ROOT / "pwa" / "src"
DOMAINS = ("cards", "events", "accounts", "aid", "office")


def sources():
    return [p for p in SRC.rglob("*") if p.suffix in (".ts", ".tsx")]


def test_every_module_lives_in_core_or_a_domain():
    loose = sorted(p.relative_to(SRC).as_posix() for p in sources() if p.parent == SRC)
    # the entry points, the route table (which names every domain's screens) and the service worker
    assert loose == ["app.tsx", "main.tsx", "routes.tsx", "sw.ts"]
    assert {p.parent.name for p in sources() if p.parent != SRC} <= {"core", *DOMAINS}
