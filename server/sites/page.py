"""/s/{code}, opened cold from a board's QR on a weak signal: the site page's own first screen (pwa dist/s-_.html,
written by pwa/scripts/route-shells.mjs) with the board's facts and hotlines already in the HTML, so they show at
the first paint, before any script arrives (the app then draws the page over them). The facts are the public ones
GET /sites/{code} gives. An unknown code, or a build without that shell, gets the app's shell as any app route."""
import hashlib
import html
from pathlib import Path

from flask import Blueprint, Response, current_app, request

from .. import compression
from ..errors import NotFound
from ..web import app_shell
from . import board, service, views

bp = Blueprint("site_page", __name__)
SHELL = "s-_.html"
LOADING = '<p class="loading" role="status">正在打开，请稍等…</p>'


def _cell(label: str, value: str, tel: str = "") -> str:
    body = (f'<span class="cell-body"><span class="cell-desc">{html.escape(label)}</span>'
            f'<span class="cell-title">{html.escape(value)}</span></span>')
    return f'<li><a class="cell cell-link" href="tel:{html.escape(tel)}">{body}</a></li>' if tel else \
        f'<li class="cell">{body}</li>'


def facts_html(site) -> str:
    rows = [_cell(label, value) for label, value in board.facts(site)[1:]]
    if site.wage_officer_phone:
        rows.append(_cell("劳资专管员电话", site.wage_officer_phone, site.wage_officer_phone))
    phones = [_cell(h["label"], h["phone"], h["phone"]) for h in views.hotlines(site)]
    return (f'<h2 class="cells-title">{html.escape(site.name)}</h2><ul class="cells" data-testid="site-facts">'
            f'{"".join(rows)}</ul><h2 class="cells-title">投诉和求助电话</h2><ul class="cells">{"".join(phones)}</ul>')


@bp.get("/s/<code>")
def site_page(code: str):
    shell = Path(current_app.config["PWA_DIST"] or ".") / SHELL
    try:
        site = service.by_code(code)
    except NotFound:
        site = None
    if site is None or not shell.is_file():
        return app_shell(f"s/{code}")
    text = shell.read_text(encoding="utf-8").replace(LOADING, facts_html(site) + LOADING, 1)
    raw = text.encode()
    encoding = compression.pick(request.headers.get("Accept-Encoding"))
    resp = Response(compression.compress(raw, encoding) if encoding else raw, mimetype="text/html")
    if encoding:
        resp.headers["Content-Encoding"] = encoding
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Cache-Control"] = "no-cache"
    resp.set_etag(hashlib.sha256(raw).hexdigest()[:32] + (f"-{encoding}" if encoding else ""))
    return resp.make_conditional(request)
