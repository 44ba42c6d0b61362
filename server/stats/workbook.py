"""The work report as Excel, laid out like the offices' half-year reports: a summary sheet with the headline
figures in words, then one sheet per area, every figure with its definition, then one sheet per office (the office
asked and each office directly under it, each with its own subtree's figures). Values only, never a formula."""
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..inputs import xml_safe
from .registry import AREAS

FORMATS = {"count": "#,##0", "fen": "#,##0.00", "share": "0.0%", "days": "0.0"}
UNIT_WORDS = {"count": "", "fen": "元", "share": "", "days": "天"}
HEADERS = ("项目", "数值", "单位", "定义")
WIDTHS = (28, 16, 8, 90)
NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
SHEET_NAME_UNITS = 31  # Excel's limit, in UTF-16 code units


def _number(figure: dict, value):
    """What a cell holds: money in 元 (stored in fen), the rest as answered."""
    if value is None:
        return None
    return value / 100 if figure["unit"] == "fen" else value


def _text(ws, row: int, column: int, value: str, **style):
    cell = ws.cell(row=row, column=column, value=xml_safe(value))
    cell.data_type = "s"  # typed text stays text: `=1+1` is shown, never computed
    for name, given in style.items():
        setattr(cell, name, given)
    return cell


def _count(by_id: dict, figure_id: str) -> str:
    value = by_id[figure_id]["value"]
    return f"{value:,}" if value is not None else "0"


def headlines(answer: dict) -> list[str]:
    by_id = {f["id"]: f for f in answer["figures"]}
    recovered = by_id["aid.recovered_fen"]["value"] or 0
    satisfaction = by_id["aid.satisfaction"]["value"]
    lines = [
        f"{answer['office_name']}：{answer['from']:%Y年%m月%d日}至{answer['to']:%Y年%m月%d日}（北京时间）",
        f"接待咨询 {_count(by_id, 'consult.total')} 人次（{_count(by_id, 'consult.people')} 人），24 小时内答复 "
        f"{_count(by_id, 'consult.on_time')} 人次，转为法律援助申请 {_count(by_id, 'consult.converted')} 件。",
        f"收到法律援助申请 {_count(by_id, 'aid.received')} 件，受理 {_count(by_id, 'aid.accepted')} 件，"
        f"决定给予法律援助 {_count(by_id, 'aid.approved')} 件，指派律师 {_count(by_id, 'aid.assigned')} 件，"
        f"结案 {_count(by_id, 'aid.closed')} 件。",
        f"为农民工挽回经济损失 {recovered / 1_000_000:,.2f} 万元。",
        f"受援人 {_count(by_id, 'aid.beneficiaries')} 人。",
        f"开展普法活动 {_count(by_id, 'events.held')} 场，到场签到 {_count(by_id, 'events.checked_in')} 人次，"
        f"覆盖 {_count(by_id, 'events.people_reached')} 人，发放宣传资料 {_count(by_id, 'events.leaflets')} 份。",
        f"有奖知识问答 {_count(by_id, 'events.quiz_takers')} 人，及格 {_count(by_id, 'events.quiz_passed')} 人，"
        f"发放奖品 {_count(by_id, 'events.prizes')} 份。",
        f"新印工地维权公示牌 {_count(by_id, 'sites.boards_printed')} 块。",
        f"服务工友 {_count(by_id, 'people.distinct_workers')} 人（各渠道按手机号去重）。",
    ]
    if satisfaction is not None:
        lines.append(f"回访满意率 {satisfaction * 100:.1f}%。")
    return lines


def sheet_name(name: str, taken: set[str], fallback: str) -> str:
    """`name` as a sheet may be called: without []:*?/ or backslash or control characters, not starting or ending
    with an apostrophe, at most 31 UTF-16 units (a character is never cut in half), and not one of `taken` (Excel
    compares names ignoring case): a clash gets "(2)", "(3)"… (the name cut to make room)."""
    base = str(xml_safe(NOT_IN_SHEET_NAME.sub("", name or ""))).strip().strip("'").strip() or fallback
    for n in range(1, len(taken) + 2):
        suffix = f"({n})" if n > 1 else ""
        cut = base
        while len((cut + suffix).encode("utf-16-le")) // 2 > SHEET_NAME_UNITS:
            cut = cut[:-1]
        candidate = (cut.rstrip().rstrip("'") or fallback[:SHEET_NAME_UNITS - len(suffix)]) + suffix
        if candidate.casefold() not in {t.casefold() for t in taken} | {"history"}:  # Excel keeps "History"
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 suffixes is free")


def _area_sheet(wb: Workbook, area: str, figures: list[dict], title: str | None = None) -> None:
    ws = wb.create_sheet(title or AREAS[area])
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        _text(ws, 1, column, header, font=Font(bold=True))
        ws.column_dimensions[get_column_letter(column)].width = width
    row = 2
    for figure in figures:
        _text(ws, row, 1, figure["label"] if title is None else f"{figure['area_label']}：{figure['label']}",
              font=Font(bold=True))
        cell = ws.cell(row=row, column=2, value=_number(figure, figure["value"]))
        cell.number_format = FORMATS[figure["unit"]]
        _text(ws, row, 3, UNIT_WORDS[figure["unit"]])
        _text(ws, row, 4, figure["definition"], alignment=Alignment(wrap_text=True, vertical="top"))
        row += 1
        for part in figure["breakdown"]:
            _text(ws, row, 1, f"　其中：{part['label']}")
            part_cell = ws.cell(row=row, column=2, value=_number(figure, part["value"]) if figure["unit"] == "fen"
                                else part["value"])
            part_cell.number_format = FORMATS[figure["unit"] if figure["unit"] in ("fen", "share") else "count"]
            row += 1
    ws.freeze_panes = "A2"


def report(answer: dict, offices: Sequence[dict] = ()) -> bytes:
    """`answer` (the figures for the office asked) as the summary and area sheets, then one sheet per answer in
    `offices` (the office asked and its child offices), named after the office."""
    wb = Workbook()
    summary = wb.active
    summary.title = "概要"
    summary.column_dimensions["A"].width = 100
    for row, line in enumerate(headlines(answer), start=1):
        _text(summary, row, 1, line, font=Font(bold=row == 1, size=14 if row == 1 else 12))
    for area in AREAS:
        figures = [f for f in answer["figures"] if f["area"] == area]
        if figures:
            _area_sheet(wb, area, figures)
    for office in offices:
        title = sheet_name(office["office_name"], set(wb.sheetnames), f"机构{office['office_id']}")
        _area_sheet(wb, "aid", office["figures"], title)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
