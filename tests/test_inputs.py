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


# Unicode's noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (66 in all).
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(p * 0x10000 + 0xFFFE + i)
                                                             for p in range(17) for i in (0, 1)]


def test_every_unicode_noncharacter_is_refused_and_its_neighbours_pass():
    assert len(NONCHARACTERS) == 66
    for ch in NONCHARACTERS:
        with pytest.raises(ValidationError) as exc:
            Form().load({"name": f"王{ch}五", "story": f"第一行\n{ch}"})
        assert exc.value.messages == {"name": [BAD_TEXT], "story": [BAD_TEXT]}, hex(ord(ch))
    # The code points beside them are ordinary text: U+FDCF and U+FDF0 (Arabic ligatures), U+FFFD (�),
    # U+1FFFD and a CJK Extension B ideograph (U+20000, 𠀀).
    for ch in ("\ufdcf", "\ufdf0", "\ufffd", "\U0001fffd", "\U00020000"):
        assert Form().load({"name": f"王{ch}"})["name"] == f"王{ch}"


def test_a_noncharacter_in_a_query_is_refused_in_the_error_format(client):
    resp = client.get("/api/v1/cards", query_string={"q": "工伤\uffff"})
    assert resp.status_code == 422
    assert resp.get_json()["errors"]["query"] == {"q": [BAD_TEXT]}
