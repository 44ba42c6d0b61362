"""The PWA's own unit tests (pwa/tests/*.test.js and *.test.ts, node's test runner): one run of
`npm run test:unit`, with the server's search answers over every real card in a file
(tests/search/parity.py) so that pwa/tests/search-parity.test.js holds offline search to them."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from server.calculators.content import read_calculators

from .search import parity

PWA = Path(__file__).resolve().parent.parent / "pwa"


def failures(out: str) -> str:
    """The failed tests as the runner reports them (its own list at the end), else the output's tail."""
    at = out.find("failing tests:")
    return out[at:] if at >= 0 else out[-6000:]


def test_pwa_unit_tests_pass(content_app, make_app, tmp_path):
    node = shutil.which("node")
    if not node or not (PWA / "node_modules" / "rolldown").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("node or pwa/node_modules missing: cd pwa && npm install")
        pytest.skip("node or pwa/node_modules missing: cd pwa && npm install")
    answers = tmp_path / "server-answers.json"
    answers.write_text(json.dumps({"real": parity.real_cards(content_app),
                                   "readAsIndexed": parity.read_as_indexed(make_app, tmp_path)},
                                  ensure_ascii=False), encoding="utf-8")
    rules = tmp_path / "calculators.json"  # the calculators' rules for pwa/tests/calculators.test.ts
    rules.write_text(json.dumps(read_calculators(PWA.parent / "content" / "calculators"), ensure_ascii=False),
                     encoding="utf-8")
    run = subprocess.run([node, "scripts/unit-tests.mjs"], cwd=PWA, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PWA_SERVER_ANSWERS": str(answers), "PWA_CALC_RULES": str(rules)})
    assert run.returncode == 0, failures(run.stdout) + run.stderr[-2000:]
    assert "skipped 0" in run.stdout, run.stdout[-3000:]  # the search parity ran, with the server's answers
