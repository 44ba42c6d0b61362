"""The PWA's own unit tests (pwa/tests/*.test.js, node's test runner) run with the Python suite."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PWA = Path(__file__).resolve().parent.parent / "pwa"


def test_pwa_unit_tests_pass():
    node = shutil.which("node")
    if not node or not (PWA / "node_modules" / "rolldown").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("node or pwa/node_modules missing: cd pwa && npm install")
        pytest.skip("node or pwa/node_modules missing: cd pwa && npm install")
    run = subprocess.run([node, "scripts/unit-tests.mjs"], cwd=PWA, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
