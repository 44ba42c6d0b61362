"""Prints what a worker's phone downloads: the PWA's first load and the offline content pack.

    python bench/pwa_size.py            (after `cd pwa && npm run build`)

First load = index.html plus the JS and CSS it references, each gzipped (level 6, what a
gzip-serving proxy sends; level 9 beside it), without the content pack, which comes after
the first paint. The service worker and icons are listed apart: they load after the page.
Precache = what the service worker downloads to make the app work offline: the part every
user gets at the first visit, the 'later' tier every user gets a few seconds after it (the
calculators, the day log), and the volunteer's tools, fetched only when a volunteer signs in
(read from the lists scripts/inject-sw.mjs wrote into dist/sw.js).
The pack is built by the real app from content/ on a throwaway SQLite database.

Time on a slow link (the same bytes, in a browser): bench/first_visit.py.
"""
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "pwa" / "dist"
AIM_KB = 50


def kb(n: int) -> str:
    return f"{n / 1024:7.1f} KB"


def gz(data: bytes, level: int = 6) -> int:
    return len(gzip.compress(data, level, mtime=0))


def shell() -> int:
    html = (DIST / "index.html").read_bytes()
    refs = re.findall(rb'<(?:script[^>]+src|link[^>]+href)="(/assets/[^"]+\.(?:js|css))"', html)
    files = [("index.html", html)] + [(r.decode().lstrip("/"), (DIST / r.decode().lstrip("/")).read_bytes())
                                      for r in dict.fromkeys(refs)]
    print("First load (HTML + JS + CSS), without the content pack:")
    print(f"  {'file':40} {'raw':>10} {'gzip':>10} {'gzip -9':>10}")
    total = total9 = raw = 0
    for name, data in files:
        print(f"  {name:40} {kb(len(data))} {kb(gz(data))} {kb(gz(data, 9))}")
        raw, total, total9 = raw + len(data), total + gz(data), total9 + gz(data, 9)
    print(f"  {'TOTAL':40} {kb(raw)} {kb(total)} {kb(total9)}   (aim: under {AIM_KB} KB gzipped)")
    later = [p for p in [DIST / "sw.js", DIST / "manifest.webmanifest"] if p.is_file()]
    later += sorted((DIST / "icons").glob("*.png")) if (DIST / "icons").is_dir() else []
    print("After the first paint (service worker, manifest, icons):")
    for p in later:
        data = p.read_bytes()
        print(f"  {str(p.relative_to(DIST)):40} {kb(len(data))} {kb(gz(data))}")
    return total


def precache_lists(sw: str) -> dict[str, list[dict]]:
    """The precache lists scripts/inject-sw.mjs wrote into sw.js: every user's (untagged), and each
    tier's named in a comment before it (/*volunteer*/[...], /*later*/[...]); an empty tier is []."""
    lists = {}
    for tag, body in re.findall(r'(?:/\*(\w+)\*/)?(\[\{"(?:revision|url)":.*?\}\]|(?<=\*/)\[\])', sw):
        lists[tag or "all"] = json.loads(body)
    return lists


TIERS = [("all", "every user, at the first visit"),
         ("later", "every user, seconds after it (later)"),
         ("volunteer", "volunteer tools, when a volunteer signs in")]


def precache() -> None:
    lists = precache_lists((DIST / "sw.js").read_text(encoding="utf-8"))
    if "all" not in lists:
        print("Precache: no precache list found in sw.js")
        return
    print("Service worker precache:")
    for tier, name in TIERS:
        files = [DIST / e["url"] for e in lists.get(tier, [])]
        raw = sum(f.stat().st_size for f in files)
        wire = sum(gz(f.read_bytes()) if f.suffix in (".js", ".css", ".html", ".webmanifest") else f.stat().st_size
                   for f in files)
        print(f"  {name:44} {len(files):3} files {kb(raw)} raw {kb(wire)} on the wire")


def pack() -> None:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from server import create_app
    from server.cards.loader import load_content

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "TESTING": True})
        with app.app_context():
            upgrade()
            loaded = load_content(app)
        client = app.test_client()
        print(f"Content pack ({loaded['cards']} cards, {loaded['quiz']} quiz questions, {loaded['topics']} topics):")
        for locale in ("zh-CN", "zh-TW"):
            raw = client.get(f"/api/v1/content/pack?locale={locale}")
            sent = client.get(f"/api/v1/content/pack?locale={locale}", headers={"Accept-Encoding": "gzip"})
            assert raw.status_code == sent.status_code == 200, raw.status_code
            wire = len(sent.data) if sent.headers.get("Content-Encoding") == "gzip" else gz(sent.data)
            print(f"  {locale}: raw {kb(len(raw.data))}, gzipped on the wire {kb(wire)}")
        # Kept by the service worker with the 'later' tier, a few seconds after the first visit (not part of it).
        for name in ("calculators", "quiz"):
            sent = client.get(f"/api/v1/content/{name}?locale=zh-CN", headers={"Accept-Encoding": "br"})
            print(f"  later, /api/v1/content/{name}: {kb(len(sent.data))} on the wire (Brotli)")
        with app.app_context():
            from server.extensions import db
            db.engine.dispose()


def main() -> None:
    if not (DIST / "index.html").is_file():
        sys.exit("pwa/dist is not built: cd pwa && npm ci && npm run build")
    total = shell()
    print()
    precache()
    print()
    pack()
    if total > AIM_KB * 1024:
        print(f"\nWARNING: first load is {total / 1024:.1f} KB gzipped, over the {AIM_KB} KB aim")


if __name__ == "__main__":
    main()
