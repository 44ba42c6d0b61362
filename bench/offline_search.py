"""Run the PWA's search.ts under Node, without a browser, for bench/search_relevance.py's offline figures:
compiled by the PWA's own TypeScript. (The tests hold search.ts to the server in pwa/tests/search-parity.test.js.)"""
import json
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PWA = ROOT / "pwa"
HARNESS = Path(__file__).with_name("offline_search.mjs")


def search_ts(name: str = "search.ts") -> Path:
    # Wherever the PWA keeps it (src/ or a domain folder such as src/cards/).
    found = sorted(p for p in (PWA / "src").rglob(name) if "node_modules" not in p.parts)
    assert len(found) == 1, found
    return found[0]


def compile_search(out: Path) -> Path:
    tsc = PWA / "node_modules" / ".bin" / "tsc"
    if not shutil.which("node") or not tsc.exists():
        raise SystemExit("Node and pwa/node_modules are needed: run `make pwa` (npm install) first")
    # Transpile only: the build's typecheck (npm run typecheck) checks these files with the app's config.
    subprocess.run([str(tsc), "--ignoreConfig", "--noCheck", "--outDir", str(out), "--rootDir", str(PWA / "src"),
                    "--target", "es2021", "--module", "es2022", "--lib", "es2021,dom",
                    "--skipLibCheck", str(search_ts()), str(search_ts("pack-wire.ts"))],
                   check=True, capture_output=True, text=True)
    (out / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    # The app's imports name no extension (Vite finds the file); Node's ES modules need the .js.
    for js in out.rglob("*.js"):
        js.write_text(re.sub(r"""(from\s+['"]\.{1,2}/[^'"]+?)(['"])""", r"\1.js\2", js.read_text(encoding="utf-8")),
                      encoding="utf-8")
    return out / search_ts().relative_to(PWA / "src").with_suffix(".js")


def run_offline(tmp: Path, packs: dict, queries: list[tuple[str, str]]) -> dict:
    """{terms: {slug: {term: tf}}, results: [slugs per (query, locale)], labels: {slug: [citation label]},
    quiz: [{question, options, answer}]} from the PWA's code, over the packs as the server sends them
    (unpacked by the PWA's pack-wire.ts, as content.ts does)."""
    module = compile_search(tmp / "js")
    wire = module.parent / "pack-wire.js"
    payload = {"module": str(module), "wire": str(wire), "packs": packs,
               "queries": [{"q": q, "locale": loc} for q, loc in queries]}
    done = subprocess.run(["node", str(HARNESS)], input=json.dumps(payload, ensure_ascii=False),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)
