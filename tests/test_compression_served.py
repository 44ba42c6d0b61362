"""Brotli reaches the phone through the production stack: gunicorn as the Procfile runs it and
deploy/nginx.conf in front pass the app's Brotli twin on unchanged (issue 18, item 29)."""
import urllib.request

import brotli

from tests.served import Gunicorn, nginx


def fetch(url: str, accept: str) -> tuple[str | None, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": accept}), timeout=10) as r:
        return r.headers.get("Content-Encoding"), r.read()


def test_the_apps_files_go_out_as_brotli_through_nginx(tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>工友法援</title>" + "<p>工地上的法律明白话</p>" * 100)
    script = "console.log('工友法援');\n" * 400
    (dist / "assets" / "index-1a2b.js").write_text(script)
    with Gunicorn({"APP_ENV": "development", "PWA_DIST": str(dist)}, tmp_path) as app:
        assert app.code is None, app.err
        with nginx(app.port, tmp_path) as (port, _log):
            base = f"http://127.0.0.1:{port}"
            encoding, body = fetch(base + "/assets/index-1a2b.js", "gzip, deflate, br, zstd")
            assert encoding == "br" and brotli.decompress(body).decode() == script
            encoding, body = fetch(base + "/aid/apply", "gzip, deflate, br")
            assert encoding == "br" and "工友法援" in brotli.decompress(body).decode()
            assert fetch(base + "/assets/index-1a2b.js", "gzip")[0] == "gzip"
