"""Sites API: anyone reads a site's board facts (small, with an ETag); the office's staff find, create and edit
their sites, print the board (A4 or A3, PDF or PNG) and see the applications and events linked to each."""
from flask import Response, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..accounts.audit import record_view
from ..accounts.guard import current_user, require_role
from ..aid.cases.rows import rows
from ..aid.models import Application
from ..clock import utcnow
from ..events.models import Event
from ..extensions import db
from ..paging import PAGING, QueryPage
from ..questions import queue as questions
from ..roles import OFFICE_ROLES
from . import board, service, views
from .schemas import BoardArgs, SiteArgs, SiteIn, SiteOut, SitePatch, SiteRecordsOut, SiteRow

blp = Blueprint("sites", __name__, url_prefix="/api/v1",
                description="工地：维权信息告示牌的内容（公开）、打印告示牌（带二维码）、工地关联的申请和活动")

RECORDS_LIMIT = 200


@blp.route("/sites")
class Sites(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(SiteArgs, location="query")
    @blp.response(200, SiteRow(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """The sites of the office and its subtree, by name, address, firm or code; newest first (X-Pagination)."""
        return service.search(current_user(), args["q"], args["status"])

    @require_role(*OFFICE_ROLES)
    @blp.arguments(SiteIn)
    @blp.response(201, SiteRow)
    def post(self, data):
        """A new site of the signed-in person's office; its code is drawn from the tracking-code alphabet."""
        user = current_user()
        site = service.create(data, user)
        record_view(user, "create", "site", site.id)
        db.session.commit()
        return views.office_row(site)


@blp.route("/sites/<code>")
class SiteView(MethodView):
    @blp.response(200, SiteOut)
    @blp.alt_response(304, description="Not modified: the If-None-Match ETag is current")
    def get(self, code):
        """A site's board facts, hotlines and coming events, for anyone (no personal data: the 劳资专管员's phone
        is the work phone 条例第三十四条 has the board show). With an ETag; If-None-Match answers 304."""
        body = views.public(service.by_code(code))
        tag = views.etag(body)
        if request.if_none_match.contains(tag):
            resp = Response(status=304)
        else:
            resp = jsonify(SiteOut().dump(body))
        resp.set_etag(tag)
        resp.headers["Cache-Control"] = "no-cache"
        return resp

    @require_role(*OFFICE_ROLES)
    @blp.arguments(SitePatch)
    @blp.response(200, SiteRow)
    def patch(self, data, code):
        """Edit a site of the office or its subtree (404 for any other); `status: finished` when the work ends."""
        user = current_user()
        site = service.update(service.office_site(code, user), data)
        record_view(user, "update", "site", site.id, {"fields": sorted(data)})
        db.session.commit()
        return views.office_row(site)


@blp.route("/sites/<code>/records")
class SiteRecords(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.response(200, SiteRecordsOut)
    def get(self, code):
        """The site as the office sees it: its applications and questions (masked rows, newest first), its events."""
        user = current_user()
        site = service.office_site(code, user)
        applications = list(db.session.scalars(db.select(Application).where(Application.site_id == site.id)
                                                .order_by(Application.id.desc()).limit(RECORDS_LIMIT)))
        events = list(db.session.scalars(db.select(Event).where(Event.site_code == site.code)
                                         .order_by(Event.starts_at.desc()).limit(RECORDS_LIMIT)))
        asked = questions.of_site(site.id, user, RECORDS_LIMIT)
        record_view(user, "site_records", "site", site.id, {"applications": len(applications), "questions": len(asked)})
        db.session.commit()
        return {**views.office_row(site), "applications": rows(applications, user), "questions": asked,
                "events": events}


def _board(code: str, size: str, fmt: str) -> Response:
    user = current_user()
    site = service.office_site(code, user)
    body = board.render_pdf(site, size) if fmt == "pdf" else board.render_png(site, size)
    site.board_printed_at = utcnow()
    site.first_printed_at = site.first_printed_at or site.board_printed_at
    db.session.commit()
    name = f"site-{site.code}-{size}.{fmt}"
    mimetype = "application/pdf" if fmt == "pdf" else "image/png"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"inline; filename={name}",
                                                      "Cache-Control": "no-store"})


@blp.route("/sites/<code>/board.pdf")
class BoardPdf(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(BoardArgs, location="query")
    @blp.response(200, content_type="application/pdf")
    def get(self, args, code):
        """The printable rights notice board, A4 or A3 (`size`), with the QR that opens /s/{code}; marks the
        site's board as printed. Staff of the site's office (or above) only: rendering 300 dpi is costly."""
        return _board(code, args["size"], "pdf")


@blp.route("/sites/<code>/board.png")
class BoardPng(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(BoardArgs, location="query")
    @blp.response(200, content_type="image/png")
    def get(self, args, code):
        """The board as a 300 dpi PNG, A4 or A3 (`size`); marks the site's board as printed."""
        return _board(code, args["size"], "png")
