"""Serves the built PWA (pwa/dist) at `/`, with cache headers that make updates safe.

Hashed files under /assets never change, so browsers keep them a year; index.html, the
service worker and the manifest are revalidated every time so a new version is found.
"""
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory

bp = Blueprint("web", __name__)
REVALIDATE = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}


def _dist() -> Path:
    return Path(current_app.config["PWA_DIST"])


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def app_shell(path: str):
    if path.startswith("api/"):
        abort(404)
    dist = _dist()
    if path and (dist / path).is_file():
        resp = send_from_directory(dist, path, max_age=0)
        if path.startswith("assets/"):
            resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        elif path in REVALIDATE or path.endswith(".html"):
            resp.headers["Cache-Control"] = "no-cache"
        else:
            resp.headers["Cache-Control"] = "public, max-age=86400"
        return resp
    if "." in path.rsplit("/", 1)[-1]:
        abort(404)  # a missing file, not an app route
    if not (dist / "index.html").is_file():
        abort(404, description="前端还没有构建：请先运行 make pwa。")
    # Any app route (/cards/<slug>, /quiz ...) opens the shell, so shared links work cold.
    resp = send_from_directory(dist, "index.html", max_age=0)
    resp.headers["Cache-Control"] = "no-cache"
    return resp
