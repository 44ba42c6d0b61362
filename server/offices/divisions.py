"""Administrative divisions (行政区划代码, 6 digits) as the offices use them: a site's code checked and named, the
office an application is routed to by where the work was done, the areas the deployment's offices serve, and the offices
a case may be transferred to.

Why the site decides: 《法律援助法》第三十八条 (law-facts LA-06) sends a non-litigation matter, labour arbitration
included, to the legal-aid office where the dispute-handling body sits or where the matter arose; and the arbitration
commission of the 劳动合同履行地, the actual place of work (for a construction worker the site's district or city),
hears the case (《劳动争议调解仲裁法》第二十一条, 办案规则第八条; law-facts AR-05, AR-17). So the site's office is
the one the worker can walk into and the one near the commission that will hear it.

The names come from python-stdnum's table (`numdb.get("cn/loc")`, as aid/idnumber.py reads it): every code that
exists or ever existed, each with its names over the years ("[1990-]锦江区"); the latest name is shown.
"""
import re
import unicodedata

from stdnum import numdb

from ..extensions import db
from .models import DEFAULT_NAME, Office

UNKNOWN = "没有这个区县代码：请从列表里选，不清楚就选「不清楚」。"
FORMAT = "区县代码是 6 位数字。"
_YEARS = re.compile(r"^\[[0-9-]*\]")
# What stdnum lists for a code that groups counties without being a place a worker would name.
_NOT_A_PLACE = ("", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位")


class InvalidDivision(ValueError):
    pass


def _names(code: str) -> dict:
    return {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}


def _latest(names: str) -> str:
    """'[1997-1997]万县区,[1998-]万州区' -> '万州区' (stdnum lists a code's names oldest first)."""
    return _YEARS.sub("", (names or "").split(",")[-1]).strip()


def known(code: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{6}", code or "")) and bool(_names(code).get("county"))


def normalise(raw: str | None) -> str:
    """A typed code -> 6 ASCII digits ('' stays ''; full-width digits folded), or InvalidDivision."""
    text = unicodedata.normalize("NFKC", raw or "").strip().replace(" ", "")
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]{6}", text):
        raise InvalidDivision(FORMAT)
    if not known(text):
        raise InvalidDivision(UNKNOWN)
    return text


def name(code: str) -> str:
    """'510104' -> 成都市锦江区, '510100' -> 成都市, '510000' -> 四川省, '110101' -> 北京市东城区; '' unknown."""
    if not known(code):
        return ""
    own, province = _latest(_names(code)["county"]), _latest(_names(code).get("province", ""))
    if code.endswith("00"):
        return province if own in _NOT_A_PLACE else own  # 110100 市辖区: 北京市
    city = _latest(_names(code[:4] + "00").get("county", ""))
    if not city or city in _NOT_A_PLACE:
        city = province  # 北京市东城区, not 市辖区东城区
    return own if own.startswith(city) else city + own


def containing(site: str) -> tuple[str, ...]:
    """The codes whose office serves `site`, the most specific first: the county, its city, its province."""
    out = [site]
    if not site.endswith("00"):
        out.append(site[:4] + "00")
    if not site.endswith("0000"):
        out.append(site[:2] + "0000")
    return tuple(out)


def route(site: str) -> int | None:
    """The office an application from `site` goes to: the most specific office whose division contains the site's
    (the same code; a city office XXYY00 holds XXYYzz; a province office XX0000 holds XX....), a legal-aid centre
    first among offices of one division, then the one nearest the root, then the oldest. None when no office serves
    the site (the caller falls back)."""
    if not site:
        return None
    order = containing(site)
    offices = db.session.execute(db.select(Office.id, Office.division, Office.kind, Office.path)
                                 .where(Office.division.in_(order))).all()
    if not offices:
        return None
    best = min(offices, key=lambda o: (order.index(o.division), o.kind != "legal_aid", o.path.count("/"), o.id))
    return best.id


def areas() -> list[dict]:
    """The divisions the deployment's offices serve, by code, each with its name: the apply form's choice of where
    the work was done. Empty for a deployment whose offices name no division (the question is not asked)."""
    codes = sorted(set(db.session.scalars(db.select(Office.division).where(Office.division != ""))))
    return [{"division": code, "name": name(code)} for code in codes if known(code)]


def transfer_targets(current_office_id: int | None) -> list[Office]:
    """The offices a case may be transferred to: every legal-aid centre of the deployment but the one holding it
    (names and phones are public: a transfer is from one office to any other, not within a subtree)."""
    return list(db.session.scalars(db.select(Office).where(Office.kind == "legal_aid", Office.id != current_office_id)
                                   .order_by(Office.path)))


def public_name(office: Office | None) -> str:
    """The office as the worker reads it: its name, or 法律援助机构 for the unnamed default office (本机构)."""
    if office is None or not office.name or office.name == DEFAULT_NAME:
        return "法律援助机构"
    return office.name
