"""Swagger UI's files for /api/v1/docs, served by the app itself.

Public CDNs are unreachable offline and unreliable in mainland China, and a docs page that
waits on one stays blank. The files come from the pinned `swagger-ui-bundle` wheel; flask-smorest
points its page at them through OPENAPI_SWAGGER_UI_URL (config.py).
"""
from flask import Blueprint, abort, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("api_docs", __name__)
# What flask-smorest's page loads; nothing else of the bundle is served.
FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"}


@bp.get("/api/v1/docs/assets/<name>")
def swagger_asset(name: str):
    if name not in FILES:
        abort(404)
    return send_from_directory(str(swagger_ui_path), name, max_age=86400)
