"""Input fields the legal-aid schemas share (an application, a move, a supplement): ids, amounts, days."""
from datetime import datetime, time

from marshmallow import ValidationError, fields

from ..inputs import CHINA, check_text, date_problem
from ..inputs import CLIENT_ID as CLIENT_ID  # the legal-aid schemas take it from here

MAX_FEN = 100_000_000_00  # 1 亿元: more than any wage claim, less than a database integer


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
