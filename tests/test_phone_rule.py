"""One phone rule and one mask, on the server and in the browser: both are held to tests/vectors/phone.json.

A worker types a phone however their input method gives it (full-width digits, +86, dashes); the
same number must be the same person, online and offline, and be refused the same way on both sides.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from server.pii import InvalidPhone, mask_phone, normalise_contact_phone, normalise_phone

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests" / "vectors" / "phone.json").read_text(encoding="utf-8"))
TSC = ROOT / "pwa" / "node_modules" / ".bin" / "tsc"


def server_rule(raw: str):
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return None


@pytest.mark.parametrize("raw, expected", VECTORS["normalise"])
def test_the_server_keeps_or_refuses_each_phone_as_the_vectors_say(raw, expected):
    assert server_rule(raw) == expected


@pytest.mark.parametrize("raw, expected", VECTORS["contact"])
def test_the_server_keeps_or_refuses_each_employers_phone_as_the_vectors_say(raw, expected):
    try:
        got = normalise_contact_phone(raw)
    except InvalidPhone:
        got = None
    assert got == expected


@pytest.mark.parametrize("raw, expected", VECTORS["mask"])
def test_the_server_masks_each_phone_as_the_vectors_say(raw, expected):
    assert mask_phone(raw) == expected


def test_the_browser_follows_the_same_vectors(tmp_path):
    """pwa/src/core/phone.ts, compiled by the PWA's own TypeScript compiler, run under Node over the same file."""
    assert TSC.exists(), "run `cd pwa && npm install` first (make test does)"
    shutil.copy(ROOT / "pwa" / "src" / "core" / "phone.ts", tmp_path / "phone.ts")
    subprocess.run([str(TSC), "--outDir", str(tmp_path / "out"), "--module", "es2020", "--target", "es2020",
                    "--strict", str(tmp_path / "phone.ts")], check=True, capture_output=True, text=True)
    (tmp_path / "out" / "package.json").write_text('{"type": "module"}')
    (tmp_path / "out" / "check.js").write_text("""
import { readFileSync } from 'node:fs';
import { cleanPhone, contactPhone, isMobile, maskPhone } from './phone.js';
const v = JSON.parse(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify({
  normalise: v.normalise.map(([raw]) => isMobile(raw) ? cleanPhone(raw) : null),
  mask: v.mask.map(([raw]) => maskPhone(raw)),
  contact: v.contact.map(([raw]) => contactPhone(raw)),
}));
""")
    out = subprocess.run(["node", str(tmp_path / "out" / "check.js"), str(ROOT / "tests" / "vectors" / "phone.json")],
                         check=True, capture_output=True, text=True).stdout
    got = json.loads(out)
    assert list(zip([raw for raw, _ in VECTORS["normalise"]], got["normalise"], strict=False)) == \
        [tuple(pair) for pair in VECTORS["normalise"]]
    assert got["mask"] == [expected for _raw, expected in VECTORS["mask"]]
    assert list(zip([raw for raw, _ in VECTORS["contact"]], got["contact"], strict=True)) == \
        [tuple(pair) for pair in VECTORS["contact"]]
