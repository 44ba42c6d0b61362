"""Serves the built PWA (pwa/dist) at `/`, with cache headers that make updates safe.

Hashed files under /assets never change, so browsers keep them a year; index.html, the
service worker and the manifest are revalidated every time so a new version is found.
Text files go out as Brotli or gzip to browsers that accept it: on 2G every kilobyte is a second.
The build writes both twins beside each file (pwa/scripts/precompress.mjs, for nginx's
brotli_static/gzip_static too); a file without its twin is compressed here once and kept.
"""
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path
from typing import cast

from flask import Blueprint, Response, abort, current_app, request, send_from_directory
from werkzeug.routing import PathConverter

from . import compression
from .files import without_noise

bp = Blueprint("web", __name__)


class OutsideApi(PathConverter):
    """Any path but /api/...: an unknown API path is then a JSON 404 for every method, not a 405
    from the shell's GET-only route (POST /api/v1/events/abc/report names nothing)."""

    regex = r"(?!api(?:/|$))[^/].*?"


def _add_converter(state) -> None:
    state.app.url_map.converters.setdefault("outside_api", OutsideApi)


bp.record_once(_add_converter)
REVALIDATE = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}
COMPRESSIBLE = {".js", ".css", ".html", ".webmanifest", ".svg", ".json", ".txt", ".map"}
mimetypes.add_type("application/manifest+json", ".webmanifest")


def _dist() -> Path:
    return Path(current_app.config["PWA_DIST"])


def _cache_control(path: str) -> str:
    if path.startswith("assets/"):
        return "public, max-age=31536000, immutable"
    if path in REVALIDATE or path.endswith(".html"):
        return "no-cache"
    return "public, max-age=86400"


@lru_cache(maxsize=256)
def _compressed(file: str, encoding: str, _mtime_ns: int, _size: int) -> tuple[bytes, str]:
    raw = Path(file).read_bytes()
    twin = Path(file + compression.SUFFIX[encoding])
    # The build's twin when it is there (and not older than the file), else compressed now.
    fresh = twin.is_file() and twin.stat().st_mtime_ns >= _mtime_ns
    body = twin.read_bytes() if fresh else compression.compress(raw, encoding)
    return body, hashlib.sha256(raw).hexdigest()[:32]


def _send(dist: Path, path: str) -> Response:
    file = dist / path
    encoding = compression.pick(request.headers.get("Accept-Encoding")) if file.suffix in COMPRESSIBLE else None
    if encoding:
        stat = file.stat()
        body, digest = _compressed(str(file), encoding, stat.st_mtime_ns, stat.st_size)
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        resp = Response(body, mimetype=mime)
        resp.headers["Content-Encoding"] = encoding
        resp.set_etag(f"{digest}-{encoding}")
        resp = without_noise(cast(Response, resp.make_conditional(request)))  # it returns the same response, Dated
    else:
        resp = without_noise(send_from_directory(dist, path, max_age=0))
    if file.suffix in COMPRESSIBLE:  # an image goes out as it is, whatever the browser accepts
        resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Cache-Control"] = _cache_control(path)
    return resp


@bp.get("/", defaults={"path": ""})
@bp.get("/<outside_api:path>")
def app_shell(path: str):
    dist = _dist()
    if path and (dist / path).is_file() and (dist / path).resolve().is_relative_to(dist.resolve()):
        return _send(dist, path)
    if "." in path.rsplit("/", 1)[-1]:
        abort(404)  # a missing file, not an app route
    if not (dist / "index.html").is_file():
        abort(404, description="前端还没有构建：请先运行 make pwa。")
    # Any app route (/cards/<slug>, /quiz ...) opens the shell, so shared links work cold; a page
    # a QR code opens has a shell of its own, whose first screen is that page's, not home's: written
    # by pwa/scripts/route-shells.mjs for each route-table row with a `shell`, named after the path
    # (aid/apply -> aid-apply.html; one file name, no folder).
    # A page with one last param has it as _ (/s/ACD34EFG -> s-_.html).
    name = path.strip("/").replace("/", "-")
    for shell in (f"{name}.html", f"{name.rpartition('-')[0]}-_.html" if "-" in name else ""):
        if name and shell and (dist / shell).is_file():
            return _send(dist, shell)
    return _send(dist, "index.html")
