"""The outbox's steps, run under Node on the app's own core/outbox.ts (pwa/tests/outbox-steps.test.ts):
legal aid's photos go first, then the application that names them, and after a lost signal
the next try sends only what the server has not confirmed."""
import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

PWA = ROOT / "pwa"


def test_an_entry_sent_in_steps_resumes_after_the_last_confirmed_step():
    if not shutil.which("node") or not (PWA / "node_modules" / "vite").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("node or pwa/node_modules missing in CI (cd pwa && npm install)", pytrace=False)
        pytest.skip("node or pwa/node_modules missing (cd pwa && npm install)")
    run = subprocess.run(["node", "scripts/node-test.mjs", "tests/outbox-steps.test.ts"], cwd=PWA,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "outbox steps: ok" in run.stdout
