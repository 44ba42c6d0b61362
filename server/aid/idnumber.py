"""Resident ID numbers (居民身份证号码, GB 11643): checked, then masked.

Refused: anything but 17 digits and a digit or X, a wrong ISO 7064 MOD 11-2 check digit, a birth
date that is no calendar day, before 1900 or after today, and the old 15-digit numbers (their own
message). Never refused for the region: the first six digits are the county that issued the
number, often created after its holder was born (python-stdnum's cn.ric wants the code to have
existed in the birth year, which refuses most real holders born before their county's code), and
a worker cannot change the number on their card. A code that no table has ever listed gets a note
for staff (region_note) to check against the card.
"""
import unicodedata
from datetime import date

from stdnum import numdb

from ..clock import china_time, utcnow

OLD_NUMBER = "这是旧的 15 位身份证号，请填写现在使用的 18 位身份证号（在身份证正面最下面一行）。"
LENGTH = "身份证号应该是 18 位，请核对。"
FORMAT = "身份证号前 17 位是数字，最后一位是数字或 X，请核对。"
BIRTH = "身份证号里的出生日期不对，请核对。"
CHECK = "身份证号有一位写错了（最后一位对不上），请逐位核对。"
UNKNOWN_PLACE = "身份证号前 6 位（地区代码）不在已知的行政区划代码里。已照常受理，请对照身份证原件核对号码。"
OLDEST = date(1900, 1, 1)


class InvalidIdNumber(ValueError):
    pass


def normalise(raw: str) -> str:
    """Full-width digits, spaces and dashes as people type them -> 18 characters, X upper case; or InvalidIdNumber.

    The checks run in the order the phone runs them (pwa/src/aid/rules.ts), so both give one message.
    """
    text = unicodedata.normalize("NFKC", raw or "").replace(" ", "").replace("-", "").upper()
    if len(text) == 15 and _ascii_digits(text):
        raise InvalidIdNumber(OLD_NUMBER)
    if len(text) != 18:
        raise InvalidIdNumber(LENGTH)
    if not _ascii_digits(text[:17]):
        raise InvalidIdNumber(FORMAT)
    if text[17] != check_digit(text[:17]):
        raise InvalidIdNumber(CHECK)
    if birth_date(text) is None:
        raise InvalidIdNumber(BIRTH)
    return text


def _ascii_digits(text: str) -> bool:
    return all("0" <= c <= "9" for c in text)  # str.isdigit takes every script's digits


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2: weight 2^(17-i) mod 11 on the i-th digit; 10 is written X."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def birth_date(number: str) -> date | None:
    """The birth date in digits 7-14, if it is a real day from 1900 to today (China's today, as on the phone)."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if OLDEST <= born <= china_time(utcnow()).date() else None


def region_note(number: str) -> str:
    """'' when the first six digits are a county code that exists or ever existed (any year), else a note for staff."""
    found = {k: v for _part, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
    return "" if found.get("county") else UNKNOWN_PLACE


def mask(number: str) -> str:
    """'510104199001013451' -> '5101**********3451'."""
    return f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"
