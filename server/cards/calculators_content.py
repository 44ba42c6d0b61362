"""Reading content/calculators/: rules*.yml, holidays.yml and regions.yml, checked and merged.

The result is what GET /api/v1/content/calculators serves under `calculators` and what the engines take as `rules`:
{<calc id or "common">: {<name>: {value, unit?, plain?, note?, cite: [{law, article, section?, label}]}},
 "holidays": {source, years: {"2024": {holidays: {iso: name}, rest: [iso], workdays: [iso]}}},
 "regions": {<key>: {name, figures: {<figure>: [{value_fen, area?, effective_from, effective_to, source}]}}}}.
Any fault is reported like the cards' (`file: field: problem`), all at once, before anything is written.
"""
import re
from datetime import date
from pathlib import Path

from .reading import ContentError, _citation, _citation_ok, _read_yaml

RESERVED = {"holidays", "regions"}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_iso(v) -> bool:
    if not isinstance(v, str) or not ISO.match(v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _entry(where: str, raw, problems: list[str]) -> dict | None:
    if not isinstance(raw, dict) or "value" not in raw:
        problems.append(f"{where}: value: 必须填写")
        return None
    cites = raw.get("cite")
    if not isinstance(cites, list) or not cites:
        problems.append(f"{where}: cite: 至少要有一条法条引用")
        cites = []
    for i, c in enumerate(cites):
        if not _citation_ok(c):
            problems.append(f"{where}: cite[{i}]: 需要 law（法规名）和 article（条号）或 section（部分）")
    extra = set(raw) - {"value", "unit", "plain", "note", "cite"}
    if extra:
        problems.append(f"{where}: 不认识的字段 {', '.join(sorted(extra))}")
    out = {k: raw[k] for k in ("value", "unit", "plain", "note") if k in raw}
    out["cite"] = [_citation(c) for c in cites if _citation_ok(c)]
    return out


def read_rules(root: Path, problems: list[str]) -> dict:
    merged: dict[str, dict] = {}
    files = sorted(root.glob("rules*.yml"))
    if not files:
        problems.append("calculators/rules.yml: 文件不存在")
    for path in files:
        raw = _read_yaml(path, problems) or {}
        if not isinstance(raw, dict):
            problems.append(f"calculators/{path.name}: 应是“计算器: 常数”的表")
            continue
        for calc, entries in raw.items():
            where = f"calculators/{path.name}: {calc}"
            if not isinstance(calc, str) or not NAME.match(calc) or calc in RESERVED:
                problems.append(f"{where}: 计算器名只能用小写字母、数字和 _，且不能是 holidays、regions")
                continue
            if not isinstance(entries, dict):
                problems.append(f"{where}: 应是“名字: 常数”的表")
                continue
            into = merged.setdefault(calc, {})
            for name, raw_entry in entries.items():
                if not isinstance(name, str) or not NAME.match(name):
                    problems.append(f"{where}: {name}: 名字只能用小写字母、数字和 _")
                elif name in into:
                    problems.append(f"{where}: {name}: 重复（另一个 rules*.yml 已经有了）")
                else:
                    entry = _entry(f"{where}.{name}", raw_entry, problems)
                    if entry is not None:
                        into[name] = entry
    return merged


def read_holidays(root: Path, problems: list[str]) -> dict:
    raw = _read_yaml(root / "holidays.yml", problems) or {}
    where = "calculators/holidays.yml"
    if not isinstance(raw, dict) or not raw.get("source") or not isinstance(raw.get("years"), dict):
        problems.append(f"{where}: 需要 source（来源）和 years（每年的放假安排）")
        return {"source": "", "years": {}}
    years: dict[str, dict] = {}
    for year, entry in raw["years"].items():
        w = f"{where}: {year}"
        if not isinstance(entry, dict):
            problems.append(f"{w}: 应有 holidays、rest、workdays")
            continue
        holidays = entry.get("holidays") or {}
        rest, workdays = entry.get("rest") or [], entry.get("workdays") or []
        if not isinstance(holidays, dict) or not isinstance(rest, list) or not isinstance(workdays, list):
            problems.append(f"{w}: holidays 应是“日期: 节日”的表，rest、workdays 应是日期的列表")
            continue
        days = [*holidays, *rest, *workdays]
        bad = [d for d in days if not _is_iso(d) or d[:4] != str(year)]
        if bad:
            problems.append(f"{w}: 日期不对或不在这一年: {', '.join(map(str, bad[:3]))}")
        if len(set(days)) < len(days):
            problems.append(f"{w}: 同一天出现在两处")
        years[str(year)] = {"holidays": {d: str(n) for d, n in holidays.items()},
                            "rest": [str(d) for d in rest], "workdays": [str(d) for d in workdays]}
    return {"source": str(raw["source"]), "years": years}


FIGURE_KEYS = {"value_fen", "area", "effective_from", "effective_to", "source"}


def read_regions(root: Path, problems: list[str]) -> dict:
    raw = _read_yaml(root / "regions.yml", problems) or {}
    where = "calculators/regions.yml"
    table = raw.get("regions") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        problems.append(f"{where}: regions: 应是“地区: 数字”的表（可以是空表 {{}}）")
        return {}
    out: dict[str, dict] = {}
    for key, region in table.items():
        w = f"{where}: {key}"
        if not isinstance(key, str) or not NAME.match(key) or not isinstance(region, dict) or not region.get("name"):
            problems.append(f"{w}: 需要英文小写的键和 name（地区名）")
            continue
        figures: dict[str, list] = {}
        for fig, rows in (region.get("figures") or {}).items():
            for i, row in enumerate(rows if isinstance(rows, list) else [None]):
                fw = f"{w}.{fig}[{i}]"
                if not isinstance(row, dict) or set(row) - FIGURE_KEYS:
                    problems.append(f"{fw}: 只能有 {', '.join(sorted(FIGURE_KEYS))}")
                    continue
                ok = (isinstance(row.get("value_fen"), int) and row["value_fen"] > 0 and bool(row.get("source"))
                      and _is_iso(str(row.get("effective_from")))
                      and (row.get("effective_to") is None or _is_iso(str(row.get("effective_to")))))
                if not ok:
                    problems.append(f"{fw}: 需要 value_fen（分）、source（出处）、effective_from（生效日期）")
                    continue
                figures.setdefault(fig, []).append({k: (str(v) if k.startswith("effective") and v else v)
                                                    for k, v in row.items()})
        out[key] = {"name": str(region["name"]), "figures": figures}
    return out


def read_calculators(root: Path) -> dict:
    """Everything under content/calculators/, checked; raises ContentError listing every fault."""
    problems: list[str] = []
    data: dict = read_rules(root, problems)
    data["holidays"] = read_holidays(root, problems)
    data["regions"] = read_regions(root, problems)
    if problems:
        raise ContentError(problems)
    return data


if __name__ == "__main__":  # the PWA's unit tests read the rules this way: python -m server.cards.calculators_content
    import json
    import sys

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "content" / "calculators"
    print(json.dumps(read_calculators(root), ensure_ascii=False))
