"""The one input rule: strings and dates from outside, refused at the edge with a plain reason."""
import pytest
from marshmallow import Schema, ValidationError

from server.inputs import BAD_DATE, BAD_TEXT, Text, When


class Form(Schema):
    name = Text()
    story = Text(multiline=True)
    when = When()


@pytest.mark.parametrize("value", ["王\u0000五", "王\ud83d", "a\u001bb", "行\n二"])
def test_a_name_with_control_characters_or_a_lone_surrogate_is_refused(value):
    with pytest.raises(ValidationError) as exc:
        Form().load({"name": value})
    assert exc.value.messages == {"name": [BAD_TEXT]}


def test_free_text_keeps_its_line_breaks_but_not_nul():
    assert Form().load({"story": "第一行\n第二行\t完"})["story"] == "第一行\n第二行\t完"
    with pytest.raises(ValidationError):
        Form().load({"story": "第一行\u0000"})


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                   "1999-12-31T12:00:00+00:00"])
def test_dates_outside_2000_to_2100_are_refused_without_overflowing(value):
    with pytest.raises(ValidationError) as exc:
        Form().load({"when": value})
    assert exc.value.messages == {"when": [BAD_DATE]}


def test_a_naive_time_is_china_time():
    when = Form().load({"when": "2026-12-01T10:00:00"})["when"]
    assert when.utcoffset().total_seconds() == 8 * 3600


def test_a_text_that_must_be_filled_says_so_when_empty_and_a_password_of_spaces_is_still_a_password():
    from marshmallow import ValidationError, validate

    from server.inputs import EMPTY_TEXT, Text
    name = Text(required=True, validate=validate.Length(min=2, max=40))
    for blank in ("", "   ", "\u3000"):
        with pytest.raises(ValidationError) as refused:
            name.deserialize(blank)
        assert refused.value.messages == [EMPTY_TEXT]
    assert Text(validate=validate.Length(max=40)).deserialize("") == ""  # optional: empty is fine
    password = Text(spaces_count=True, validate=validate.Length(min=8, max=128))
    assert password.deserialize("        ") == "        "
