"""Resident ID numbers (居民身份证号码, GB 11643): checked with python-stdnum's cn.ric, then masked.

cn.ric checks the length, the digits, a real birth date and the ISO 7064 MOD 11-2 check digit.
We add: the old 15-digit numbers are refused with their own message, and a birth date must lie
between 1900 and today.
"""
import unicodedata
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

OLD_NUMBER = "这是旧的 15 位身份证号，请填写现在使用的 18 位身份证号（在身份证正面最下面一行）。"
MESSAGES = {
    InvalidLength: "身份证号应该是 18 位，请核对。",
    InvalidFormat: "身份证号前 17 位是数字，最后一位是数字或 X，请核对。",
    InvalidComponent: "身份证号里的出生日期不对，请核对。",
    InvalidChecksum: "身份证号有一位写错了（最后一位对不上），请逐位核对。",
}
NO_PLACE = "身份证号前 6 位（地区代码）对不上，请逐位核对。"


class InvalidIdNumber(ValueError):
    pass


def normalise(raw: str) -> str:
    """Full-width digits and spaces as people type them -> 18 characters, X upper case; or InvalidIdNumber."""
    text = unicodedata.normalize("NFKC", raw or "").replace(" ", "").replace("-", "").upper()
    if len(text) == 15 and text.isdigit():
        raise InvalidIdNumber(OLD_NUMBER)
    try:
        number = ric.validate(text)
    except InvalidComponent:
        # cn.ric says the same for an impossible birth date and a region code that names no place.
        raise InvalidIdNumber(NO_PLACE if _birth_date_ok(text) else MESSAGES[InvalidComponent]) from None
    except ValidationError as exc:
        raise InvalidIdNumber(next((m for kind, m in MESSAGES.items() if isinstance(exc, kind)),
                                   MESSAGES[InvalidFormat])) from None
    born = ric.get_birth_date(number)
    if not date(1900, 1, 1) <= born <= date.today():
        raise InvalidIdNumber(MESSAGES[InvalidComponent])
    return number


def _birth_date_ok(number: str) -> bool:
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return False
    return True


def mask(number: str) -> str:
    """'510104199001013451' -> '5101**********3451'."""
    return f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"
