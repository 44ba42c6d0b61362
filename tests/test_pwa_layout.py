"""The PWA's folders show its domains as server/ does: every module lives in core/ (shared ground)
or a domain folder. The import graph (core/ imports no domain, no page imports another page, only
the router imports a page) is checked by pwa/tests/import-graph.test.js, which the PWA's unit tests
run (npm run test:unit, tests/test_pwa_units.py)."""
import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SRC = ROOT / "pwa" / "src"
DOMAINS = ("cards", "events", "accounts", "aid", "office", "calc", "sites", "questions")


def sources():
    return [p for p in SRC.rglob("*") if p.suffix in (".ts", ".tsx")]


def test_every_module_lives_in_core_or_a_domain():
    loose = sorted(p.relative_to(SRC).as_posix() for p in sources() if p.parent == SRC)
    # the entry points, the route table (which names every domain's screens) and the service worker
    assert loose == ["app.tsx", "main.tsx", "routes.tsx", "sw.ts"]
    assert {p.relative_to(SRC).parts[0] for p in sources() if p.parent != SRC} <= {"core", *DOMAINS}


def test_modules_and_components_are_short_or_say_why_not():
    """Modules of pwa/src at 300 lines or fewer, components (a function named with a capital letter that returns
    JSX) at 80 or fewer, unless a comment says why not: a comment containing `size:` and the reason, anywhere in
    the module for a module, right above the component (or on its first line) for a component. The generated
    core/api-types.ts is exempt. pwa/scripts/sizes.mjs measures (`node scripts/sizes.mjs --all` lists every
    component with its length); the server's modules are held in tests/test_module_sizes.py."""
    node = shutil.which("node")
    if not node or not (ROOT / "pwa" / "node_modules" / "rolldown").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("node or pwa/node_modules missing: cd pwa && npm install")
        pytest.skip("node or pwa/node_modules missing: cd pwa && npm install")
    run = subprocess.run([node, "scripts/sizes.mjs"], cwd=ROOT / "pwa", capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and json.loads(run.stdout) == {"modules": [], "components": []}, run.stdout + run.stderr
