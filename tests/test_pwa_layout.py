"""The PWA's folders show its domains as server/ does: core/ is shared ground and imports no
domain (so the outbox knows no sign-up or check-in), and no page imports another page."""
import re

from tests.conftest import ROOT

SRC = ROOT / "pwa" / "src"
DOMAINS = ("cards", "events", "accounts", "aid", "office")
IMPORT = re.compile(r"""(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']*)'|import\(\s*'(\.[^']*)'\s*\)""")


def relative_imports(path):
    """(module path inside src/, as written) for every relative import of a file."""
    text = path.read_text(encoding="utf-8")
    for m in IMPORT.finditer(text):
        spec = m.group(1) or m.group(2)
        target = (path.parent / spec).resolve()
        yield target.relative_to(SRC.resolve()).as_posix(), spec


def sources():
    return [p for p in SRC.rglob("*") if p.suffix in (".ts", ".tsx")]


def test_core_imports_no_domain():
    found = [(p.relative_to(SRC).as_posix(), spec) for p in (SRC / "core").rglob("*.ts*")
             for target, spec in relative_imports(p) if target.split("/")[0] in DOMAINS]
    assert found == []


def test_no_page_imports_another_page():
    found = [(p.relative_to(SRC).as_posix(), spec) for p in sources() if p.parent != SRC
             for target, spec in relative_imports(p) if target.endswith("-page")]
    assert found == []


def test_every_module_lives_in_core_or_a_domain():
    loose = sorted(p.relative_to(SRC).as_posix() for p in sources() if p.parent == SRC)
    # the entry points, the route table (which names every domain's screens) and the service worker
    assert loose == ["app.tsx", "main.tsx", "routes.tsx", "sw.ts"]
    assert {p.parent.name for p in sources() if p.parent != SRC} <= {"core", *DOMAINS}


def test_the_import_reader_sees_imports():
    # The rules above are only as good as the reader: it must see every kind of import.
    found = dict((spec, target) for target, spec in relative_imports(SRC / "routes.tsx"))
    assert found["./events/checkin-page"] == "events/checkin-page"  # a dynamic import()
    assert found["./events/office/office-event-page"] == "events/office/office-event-page"
    found = dict((spec, target) for target, spec in relative_imports(SRC / "app.tsx"))
    assert found["./core/router"] == "core/router"
    assert any(spec == "./api" for _t, spec in relative_imports(SRC / "core" / "outbox.ts"))
