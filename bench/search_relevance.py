"""Search relevance: hit@3 and MRR of tests/search/relevance.yml, online (server) and offline (search.ts).

    .venv/bin/python bench/search_relevance.py [--misses]

Loads content/ into a fresh SQLite database, asks the API for every phrase (zh-CN, and
converted to zh-TW), runs the PWA's search.ts under Node over the two packs for the same
phrases, and prints the figures. Needs pwa/node_modules (`make pwa`).
"""
import argparse
import logging
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from bench.offline_search import run_offline  # noqa: E402
from server import create_app  # noqa: E402
from server.cards.loader import load_content  # noqa: E402
from tests.search.relevance import CASES, figures, phrase  # noqa: E402

LOCALES = ("zh-CN", "zh-TW")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true", help="list the phrases whose card is not in the top 3")
    args = ap.parse_args()
    logging.disable(logging.INFO)
    tmp = Path(tempfile.mkdtemp(prefix="relevance-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/r.sqlite", "CONTENT_DIR": str(ROOT / "content")})
    with app.app_context():
        upgrade()
        load_content(app)
    client = app.test_client()
    packs = {loc: client.get(f"/api/v1/content/pack?locale={loc}").get_json() for loc in LOCALES}
    offline = run_offline(tmp, packs, [(phrase(c, loc), loc) for loc in LOCALES for c in CASES])["results"]
    print(f"{len(CASES)} phrases, {len(packs['zh-CN']['cards'])} cards")
    for i, loc in enumerate(LOCALES):
        on = figures([[x["slug"] for x in client.get(
            f"/api/v1/cards?q={quote(phrase(c, loc))}&page_size=100&locale={loc}").get_json()["items"]] for c in CASES])
        off = figures(offline[i * len(CASES):(i + 1) * len(CASES)])
        for where, f in (("online ", on), ("offline", off)):
            print(f"{loc} {where}  hit@3 {f['hit@3']:.3f}   MRR {f['mrr']:.3f}")
            if args.misses:
                for miss in f["misses"]:
                    print("   miss:", *miss)


if __name__ == "__main__":
    main()
