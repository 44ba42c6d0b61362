"""The sign-in sheet (签到表) as the offices keep it: Excel first, CSV for anything else."""
import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..clock import china_time
from ..inputs import xml_safe
from .models import KINDS, SOURCES, Event

HEADERS = ["序号", "姓名", "手机号", "工作单位/班组", "工地", "报名方式", "签到时间", "本人签字"]
WIDTHS = [6, 12, 14, 22, 20, 10, 18, 14]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text from the public without the control characters and noncharacters a spreadsheet file cannot hold."""
    return xml_safe(value)


def csv_safe(value):
    """In CSV a leading = + - @ would run as a formula when Excel opens it: quote it (OWASP)."""
    value = safe(value)
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _text_row(ws, values) -> None:
    """Append a row whose strings stay strings: `=1+1` typed as a name is shown, never computed."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _text_cell(cell, value: str) -> None:
    cell.value = safe(value)
    cell.data_type = "s"


def _titled_sheet(name: str, title: str, size: int, columns: int):
    """A new workbook's one sheet, named, with `title` in bold across the first row."""
    wb = Workbook()
    ws = wb.active
    ws.title = name
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    # Strings stay strings: openpyxl would store a title such as "=HYPERLINK(…)" as a formula.
    _text_cell(ws["A1"], title)
    ws["A1"].font = Font(size=size, bold=True)
    return wb, ws


def _headings(ws, headers: list[str], widths: list[int]) -> None:
    """The column headings as the next row, bold, with the columns' widths; printed atop every page."""
    ws.append(headers)
    row = ws.max_row
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=row, column=col).column_letter].width = width
        ws.cell(row=row, column=col).font = Font(bold=True)
    ws.print_title_rows = f"{row}:{row}"


def _landscape(wb) -> bytes:
    """The workbook's file, its sheet printed across the page."""
    wb.active.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _local(dt) -> str:
    return china_time(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def _cells(row: dict) -> list:
    return [safe(v) for v in (row["n"], row["name"], row["phone"], row["employer"], row["site"],
                               SOURCES.get(row["source"], row["source"]), _local(row["checked_in_at"]) or "未签到", "")]


def attendance_xlsx(event: Event, rows: list[dict], counts: dict) -> bytes:
    wb, ws = _titled_sheet("签到表", f"{event.title} 签到表", 16, len(HEADERS))
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    _text_cell(ws["A2"], f"活动类型：{KINDS.get(event.kind, event.kind)}    时间：{_local(event.starts_at)}    "
                         f"地点：{event.place}    报名 {counts['registered']} 人，签到 {counts['checked_in']} 人"
                         f"（其中现场登记 {counts['walk_ins']} 人）")
    _headings(ws, HEADERS, WIDTHS)
    thin = Side(style="thin")
    for row in rows:
        _text_row(ws, _cells(row))
    for r in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in r:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return _landscape(wb)


def attendance_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADERS[:-1])
    for row in rows:
        writer.writerow([csv_safe(v) for v in _cells(row)[:-1]])
    # A BOM so that Excel on Windows opens the Chinese correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


DEBRIEF_HEADERS = ["活动日期", "活动", "类型", "地点", "带回一：困扰", "带回二：急需解决的问题", "带回三：对服务的建议",
                   "带回四：下次活动的建议", "接触工友", "发放资料", "填写人", "最后填写", "改过几次"]
DEBRIEF_WIDTHS = [16, 22, 10, 18, 30, 30, 30, 30, 9, 9, 10, 16, 8]


def debriefs_xlsx(rows: list[dict], since, until) -> bytes:
    """The debriefs of a period, 四个带回 side by side: what workers raised is what the office acts on next."""
    title = f"活动小结（四个带回） {since:%Y-%m-%d} 至 {until:%Y-%m-%d}，共 {len(rows)} 场"
    wb, ws = _titled_sheet("活动小结", title, 14, len(DEBRIEF_HEADERS))
    _headings(ws, DEBRIEF_HEADERS, DEBRIEF_WIDTHS)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r in rows:
        who = (r["submitted_by"] or {}).get("display_name", "")
        _text_row(ws, [safe(v) for v in (
            _local(r["starts_at"]), r["event_title"], r["kind_label"], r["place"], r["worry"], r["urgent_problem"],
            r["service_suggestion"], r["next_event_suggestion"], r["people_reached"], r["leaflets_given"], who,
            _local(r["submitted_at"]), r["edits"])])
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
    return _landscape(wb)
