"""The work-report figures (staff and admins, for their office's subtree): every figure with its definition, the
records behind one figure (paged, audited), and the half-year report as Excel."""
from flask.views import MethodView
from flask_smorest import Blueprint, Page

from ..accounts.guard import current_user, require_role
from ..files import XLSX, download
from ..paging import PAGING
from ..roles import OFFICE_ROLES
from ..security import never_cached
from . import months, service, workbook
from .schemas import RecordOut, StatsArgs, StatsOut

blp = Blueprint("stats", __name__, url_prefix="/api/v1",
                description="工作统计：任一时期、本机构及下级机构的数字，每项带定义和背后的记录，半年工作报表（Excel）")
blp.after_request(never_cached)


class ListPage(Page):
    """A page of a list already in memory (a figure's records)."""

    @property
    def items(self):
        p = self.page_params
        return self.collection[p.first_item:p.first_item + p.page_size]

    @property
    def item_count(self):
        return len(self.collection)


@blp.route("/stats")
class Stats(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, StatsOut)
    def get(self, args):
        """Every figure for the period (China days, both included; this half-year by default) over the office and
        its subtree (the reader's own by default; 404 outside it): id, label, definition, value, breakdown; with
        by=month also `months`, applications received and cases closed in each month of the period."""
        answer = service.figures(current_user(), args)
        if args.get("by") == "month":
            answer["months"] = months.by_month(service.period_for(current_user(), args)[0])
        return answer


@blp.route("/stats/<figure>/records")
class FigureRecords(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, RecordOut(many=True))
    @blp.paginate(ListPage, **PAGING)
    def get(self, args, figure):
        """The records one figure counts, masked (never a phone), paged (X-Pagination); the reading is audited
        with the figure, the period and the office."""
        return service.records(current_user(), figure, args)


@blp.route("/stats/report.xlsx")
class Report(MethodView):
    @require_role(*OFFICE_ROLES)
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, content_type=XLSX)
    def get(self, args):
        """The work report as Excel: the headline figures in words first, then one sheet per area with every
        figure and its definition, then one sheet per office (the office asked, then each office directly under it
        in the order they were made, each with its own subtree's figures; sheet names cut to Excel's 31
        characters, made unique). No formulas."""
        offices = service.report_offices(current_user(), args)
        answer = offices[0]
        name = f"stats-{answer['from']:%Y%m%d}-{answer['to']:%Y%m%d}.xlsx"
        return download(workbook.report(answer, offices), XLSX, name)
