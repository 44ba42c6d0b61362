"""The built app is served with cache headers that make updates safe, compressed for slow networks."""
import gzip

import brotli
import pytest


@pytest.fixture
def web(make_app, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>工友法援</title>" + "<p>x</p>" * 200)
    (tmp_path / "assets" / "app-3f2a.js").write_text("console.log('工友');" * 300)
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (tmp_path / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    client = make_app(PWA_DIST=str(tmp_path)).test_client()
    return Fetcher(client)


class Fetcher:
    """GETs that read the whole body and close the file behind it."""

    def __init__(self, client):
        self.client = client

    def get(self, url, **kw):
        resp = self.client.get(url, **kw)
        resp.get_data()
        resp.close()
        return resp


def test_hashed_assets_are_kept_a_year_and_the_shell_revalidated(web):
    assert web.get("/assets/app-3f2a.js").headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert web.get("/sw.js").headers["Cache-Control"] == "no-cache"
    assert web.get("/").headers["Cache-Control"] == "no-cache"


def test_app_routes_open_the_shell_and_missing_files_are_404(web):
    resp = web.get("/cards/wage-arrears-first-step")
    assert resp.status_code == 200 and "工友法援" in resp.get_data(as_text=True)
    assert web.get("/assets/missing-1234.js").status_code == 404
    assert web.get("/../server/config.py").status_code == 404


def test_text_goes_out_gzipped_to_browsers_that_accept_it(web):
    plain = web.get("/assets/app-3f2a.js")
    zipped = web.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 5
    again = web.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304


def test_text_goes_out_as_brotli_where_the_browser_accepts_it_and_gzip_where_it_refuses(web):
    plain = web.get("/assets/app-3f2a.js")
    # What Chromium sends (over plain HTTP too), and the same with br refused.
    br = web.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in br.headers["Vary"]
    assert brotli.decompress(br.data) == plain.data
    gz = web.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "gzip, br;q=0"})
    assert gz.headers["Content-Encoding"] == "gzip" and gz.headers["ETag"] != br.headers["ETag"]
    again = web.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]})
    assert again.status_code == 304
    assert web.get("/", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"


def test_the_builds_precompressed_twin_is_what_goes_out(make_app, tmp_path):
    # pwa/scripts/precompress.mjs writes app.js.br beside app.js; the server sends it as it is.
    (tmp_path / "assets").mkdir()
    js = tmp_path / "assets" / "app-9c1d.js"
    js.write_text("console.log('工友');" * 300)
    twin = brotli.compress(js.read_bytes(), quality=5)
    (tmp_path / "assets" / "app-9c1d.js.br").write_bytes(twin)
    resp = Fetcher(make_app(PWA_DIST=str(tmp_path)).test_client()).get(
        "/assets/app-9c1d.js", headers={"Accept-Encoding": "br"})
    assert resp.data == twin


def test_images_are_sent_as_they_are(web):
    resp = web.get("/icon.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in resp.headers and resp.data.startswith(b"\x89PNG")


# Date too: the HTTP server (gunicorn, nginx, Werkzeug's) writes its own on every answer, so the app's
# made a second Date line on each file (37 bytes, ~20 times on a first visit).
NOISE = {"content-disposition", "expires", "last-modified", "date"}


@pytest.mark.parametrize("url", ["/", "/sw.js", "/assets/app-3f2a.js", "/icon.png"])
def test_a_file_goes_out_with_each_header_once_and_none_a_browser_has_no_use_for(web, url):
    """On 2G a first visit's ~20 answers each cost their headers: no file name for a file shown inline,
    no Expires beside Cache-Control, no Last-Modified beside the ETag (issue 18, item 29)."""
    resp = web.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    names = [name.lower() for name, _value in resp.headers]
    assert len(names) == len(set(names)) and NOISE.isdisjoint(names), names
    again = web.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd", "If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304


def test_an_image_does_not_vary_with_the_encodings_a_browser_accepts(web):
    assert "Vary" not in web.get("/icon.png").headers
    assert web.get("/assets/app-3f2a.js").headers["Vary"] == "Accept-Encoding"
