"""Who the papers name, and what they know of each: the worker, the employer (a company or a 包工头), the general
contractor, the witnesses, the evidence and the commission, from the case view and its particulars (案件要素: the
lawyer's own facts, `particulars` in the view; a case without them, or a key missing, reads as the defaults).

Legal points, as checked in shared/reference (law-facts.md and statutes/):
- 《劳动争议调解仲裁法》第二十一条 (AR-05): the commission of the place of performance or of the employer's seat; when
  both are applied to, the place of performance. A commission derived from the site is marked for the lawyer to check.
- 劳社部发〔2005〕12号第四条 (SUB-01, checked on secondary sources only): work let to an organisation or a person
  without 用工主体资格 → the qualified 发包方 bears 用工主体责任 (not: a labour relationship with it).
- 《解释（一）》第二十八条 (SUB-05): in a dispute during 承包经营, both 发包方 and 承包方 are named as parties.
"""
from .day_log_text import evidence_row
from .documents import MISSING, day, given

TEXTS = ("worker_address", "employer_kind", "employer_address", "employer_legal_rep", "employer_legal_rep_title",
         "employer_credit_code", "contractor_address", "contractor_legal_rep", "contractor_legal_rep_title",
         "contractor_credit_code", "injury_recognition", "recognised_on", "commission")
MAX_WITNESSES = 10
UNIT = "具备用工主体资格的发包单位（总包或分包）"
UNIT_BASIS = ("列明依据：建筑施工等单位把工程发包给不具备用工主体资格的组织或者自然人（如包工头个人）的，对其招用的"
              "劳动者，由具备用工主体资格的发包方承担用工主体责任（原劳动和社会保障部《关于确立劳动关系有关事项的通知》"
              "（劳社部发〔2005〕12号）第四条，原文未存，请律师核对）；承包经营期间发生的劳动争议，应当将承包方和发包方"
              "作为当事人（《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第二十八条）。这说的是承担用工主体"
              "责任，不是与发包单位存在劳动关系。请查明发包单位（工地告示牌上有总包名称）后补全。")
COMMISSION_CAVEAT = ("此仲裁委按工地所在地推定，请律师核对由哪个仲裁委管辖：劳动争议由劳动合同履行地或者用人单位"
                     "所在地的劳动争议仲裁委员会管辖，双方分别向两地申请的，由履行地的仲裁委管辖（《劳动争议调解仲裁法》第二十一条）。")


def particulars(case: dict) -> dict:
    """The case's particulars with every key present; anything missing or of the wrong type reads as its default."""
    raw = case.get("particulars")
    raw = raw if isinstance(raw, dict) else {}
    out: dict = {key: raw[key] if isinstance(raw.get(key), str) else "" for key in TEXTS}
    denied = raw.get("employment_denied")
    out["employment_denied"] = denied if isinstance(denied, bool) else None
    grade = raw.get("disability_grade")
    out["disability_grade"] = grade if isinstance(grade, int) and not isinstance(grade, bool) and 1 <= grade <= 10 \
        else None
    listed = raw.get("witnesses")
    witnesses: list = listed if isinstance(listed, list) else []
    out["witnesses"] = [{"name": w.get("name") if isinstance(w.get("name"), str) else "",
                         "address": w.get("address") if isinstance(w.get("address"), str) else ""}
                        for w in witnesses[:MAX_WITNESSES] if isinstance(w, dict)]
    return out


def individual(case: dict) -> bool:
    """The employer is a person (a 包工头), not a unit: by the lawyer's particulars only, never guessed from a name."""
    return particulars(case)["employer_kind"] == "individual"


def needs_unit(case: dict) -> bool:
    """A 包工头 with no contractor known: the papers add the qualified unit that let the work, to be filled in."""
    return individual(case) and not (case.get("contractor") or "").strip()


def _rep(name: str, title: str) -> str:
    return f"{name}（职务：{given(title)}）" if name.strip() else MISSING


def employer_title(case: dict) -> str:
    kind = particulars(case)["employer_kind"]
    return {"company": "用人单位", "individual": "包工头个人，实际招用人"}.get(kind, "用人单位或包工头")


def employer_rows(case: dict, role: str) -> list[tuple[str, str]]:
    """The employer as 第二十八条(一) asks: name, seat, legal representative (or principal) and title, credit code."""
    p = particulars(case)
    rows = [(f"{role}（{employer_title(case)}）", given(case.get("employer_name")))]
    if p["employer_kind"] == "individual":
        rows.append(("住址", given(p["employer_address"])))
    else:
        rows += [("住所地", given(p["employer_address"])),
                 ("法定代表人（或主要负责人）", _rep(p["employer_legal_rep"], p["employer_legal_rep_title"])),
                 ("统一社会信用代码", given(p["employer_credit_code"]))]
    return [*rows, ("联系电话", given(case.get("employer_phone")))]


def contractor_rows(case: dict, role: str) -> list[tuple[str, str]]:
    """The general contractor as a party; or, for a 包工头 with none known, the unit to be found (UNIT, MISSING)."""
    p = particulars(case)
    if needs_unit(case):
        return [(role, f"{UNIT}：{MISSING}"), ("住所地", MISSING), ("法定代表人（或主要负责人）", MISSING),
                ("统一社会信用代码", MISSING)]
    return [(f"{role}（施工总承包单位）", given(case.get("contractor"))), ("住所地", given(p["contractor_address"])),
            ("法定代表人（或主要负责人）", _rep(p["contractor_legal_rep"], p["contractor_legal_rep_title"])),
            ("统一社会信用代码", given(p["contractor_credit_code"]))]


def has_second(case: dict) -> bool:
    """A second respondent: the contractor the case names, or the unit a 包工头's case must add."""
    return bool((case.get("contractor") or "").strip()) or needs_unit(case)


def worker_address(case: dict) -> str:
    return given(particulars(case)["worker_address"])


def witnesses(case: dict) -> list[str]:
    """第二十八条(三): each witness's name and address; none recorded → nothing (the paper says （待补充）)."""
    return [f"{given(w['name'])}，住所：{given(w['address'])}" for w in particulars(case)["witnesses"]
            if w["name"].strip() or w["address"].strip()]


def commission(case: dict) -> tuple[str, bool]:
    """(the commission the claim is addressed to, whether it was derived from the site rather than typed)."""
    typed = particulars(case)["commission"].strip()
    if typed:
        return typed, False
    area = case.get("site_division_name") or "".join(case.get(k) or "" for k in ("city", "district"))
    return f"{area or MISSING}劳动人事争议仲裁委员会", True


def evidence_rows(case: dict) -> list[list[str]]:
    """[名称, 来源] for each piece of evidence: the worker's photos (申请人提供), what they supplied later (补充材料,
    its photos and its words) and the office's case files (by kind, label and date)."""
    request = case.get("materials_request") or {}
    supplied = [s for s in request.get("supplied") or [] if isinstance(s, dict)]
    later = {str(i): s.get("at") for s in supplied for i in s.get("upload_ids") or []}
    rows = [evidence_row(case["day_log"])] if case.get("day_log") else []
    for photo in case.get("evidence") or []:
        label = (photo.get("label") or "").strip() or "照片（未标注）"
        if str(photo.get("id")) in later:
            rows.append([label, f"申请人提供（补充材料，{day(later[str(photo.get('id'))])}）"])
        else:
            rows.append([label, "申请人提供（照片）"])
    for s in supplied:
        if (s.get("text") or "").strip():
            rows.append([f"补充材料：{s['text'].strip()}", f"申请人补充提供（{day(s.get('at'))}）"])
    for f in case.get("office_files") or []:
        kind = f.get("kind_label") or "案件材料"
        label = (f.get("label") or "").strip()
        rows.append([f"{kind}：{label}" if label else kind, f"办案机构存档的{kind}（{day(f.get('dated_on'))}）"])
    return rows
