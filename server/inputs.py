"""The one input rule at the edge: what a string or a date from outside may hold.

Shared ground (imports no domain). A value that breaks the rule is refused at the schema, with a
plain Chinese message on its field, before it can reach a database (PostgreSQL refuses NUL, a
lone surrogate cannot be encoded, year 1 overflows once a time zone is applied).
"""
import re
import unicodedata
from datetime import datetime, time, timezone

from flask import request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import abort
from marshmallow import ValidationError, fields, validate

from .clock import CHINA

EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc)

BAD_TEXT = "不能含有看不见的控制字符或乱码，请重新输入。"
BAD_DATE = "日期不在合理范围内（2000 年到 2100 年之间）。"
EMPTY_TEXT = "必须填写。"  # a text that must hold something, sent empty or blank (not "长度不对")
# An id a client made (a photo's, an application's Idempotency-Key): a UUID or the like.
CLIENT_ID_PATTERN = r"^[A-Za-z0-9_\-:.]{8,80}$"
CLIENT_ID = validate.Regexp(CLIENT_ID_PATTERN, error="编号格式不对。")


def noncharacter(ch: str) -> bool:
    """Unicode's 66 noncharacters (U+FDD0–U+FDEF, and U+xxFFFE/U+xxFFFF in every plane): never text a
    person typed, and U+FFFE/U+FFFF cannot stand in XML, so in no .docx or .xlsx either."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def text_problem(value: str, multiline: bool = False) -> str | None:
    """Why `value` may not be stored, or None: control characters (NUL included), lone surrogates and
    noncharacters.

    Line breaks and tabs pass only where `multiline` is set (free text a person typed).
    """
    for ch in value:
        if "\ud800" <= ch <= "\udfff" or noncharacter(ch):
            return BAD_TEXT
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\r\t"):
            return BAD_TEXT
    return None


# What XML 1.0 cannot hold (its Char production: C0 controls but tab and line breaks, lone surrogates,
# U+FFFE, U+FFFF), and the other noncharacters, which no font draws. Text stored before the rule above
# may still hold them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
                     + "]")


def xml_safe(value):
    """A stored string without what a .docx or .xlsx cannot hold or a font cannot draw (the rest unchanged)."""
    return NOT_XML.sub("", value) if isinstance(value, str) else value


def check_text(value: str, multiline: bool = False) -> None:
    problem = text_problem(value, multiline)
    if problem:
        raise ValidationError(problem)


def date_problem(value: datetime) -> str | None:
    aware = value if value.tzinfo else value.replace(tzinfo=CHINA)
    try:
        return None if EARLIEST <= aware <= LATEST else BAD_DATE
    except OverflowError:
        return BAD_DATE


class Text(fields.String):
    """A string that obeys the input rule; `multiline=True` lets line breaks through.

    A text with a minimum length sent empty, or as blank spaces, is refused with "必须填写。" (not a
    length error); `spaces_count=True` (passwords) lets spaces fill it, so only "" is empty there.
    """

    def __init__(self, *args, multiline: bool = False, spaces_count: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiline = multiline
        self.spaces_count = spaces_count

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        check_text(text, self.multiline)
        if not (text if self.spaces_count else text.strip()) and self._needs_content():
            raise ValidationError(EMPTY_TEXT)
        return text

    def _needs_content(self) -> bool:
        """A minimum length of one or more means the field must be filled: blank spaces do not fill it."""
        return any(isinstance(v, validate.Length) and ((v.min or 0) >= 1 or (v.equal or 0) >= 1)
                   for v in self.validators)


class When(fields.AwareDateTime):
    """An aware date-time between 2000 and 2100; a naive one is read as China time."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default_timezone", CHINA)
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            check_text(value)
        try:
            when = super()._deserialize(value, attr, data, **kwargs)
        except OverflowError as exc:
            raise ValidationError(BAD_DATE) from exc
        problem = date_problem(when)
        if problem:
            raise ValidationError(problem)
        return when


# --- request bodies and URLs --------------------------------------------------------------------

# Our deepest body is a sync batch ({"operations": [{...}]}); anything far deeper is an attack
# that would otherwise end in a RecursionError (a 500) inside a parser or an encoder.
MAX_JSON_DEPTH = 32


def too_deep(value, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether parsed JSON nests lists and objects more than `limit` levels (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, with non-ASCII kept readable and hostile nesting refused as a bad request."""

    ensure_ascii = False

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        if too_deep(value):
            raise ValueError("JSON nested too deeply")
        return value


def _check_request():
    """Before any view: a JSON body must parse (webargs would recurse without limit on it), and
    path and query values obey the text rule (a NUL in a slug would reach PostgreSQL)."""
    if request.is_json and request.get_data(cache=True):
        request.get_json()  # a BadRequest (400, the one error format) if it does not parse or nests too deep
    for value in (request.view_args or {}).values():
        if isinstance(value, str) and text_problem(value):
            abort(404)  # such a slug or token names nothing
    wrong = {name: [BAD_TEXT] for name, value in request.args.items(multi=True) if text_problem(value)}
    if wrong:
        abort(422, messages={"query": wrong})


def init_app(app) -> None:
    app.json = JSONProvider(app)
    app.before_request(_check_request)


MAX_FEN = 100_000_000_00  # money in fen: 1 亿元: more than any wage claim, less than a database integer


class AnyDay(fields.Date):
    """A calendar day between 2000 and 2100 (a due date or a hearing may be in the future)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            check_text(value)
        day = super()._deserialize(value, attr, data, **kwargs)
        problem = date_problem(datetime.combine(day, time(12), CHINA))
        if problem:
            raise ValidationError(problem)
        return day


class Day(AnyDay):
    """A calendar day between 2000 and today (the input rule's range; nothing here happens in the future)."""

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if day > datetime.now(CHINA).date():
            raise ValidationError("日期不能晚于今天。")
        return day
