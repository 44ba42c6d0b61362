"""The ID-number rule (GB 11643, via python-stdnum's cn.ric) and the masks every list uses."""
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from server.aid import idnumber
from server.pii import mask_phone
from tests.photos import id_number

VALID = id_number(birth="19900307", serial="123")


def test_a_valid_number_passes_in_any_usual_spelling():
    assert idnumber.normalise(VALID) == VALID
    spaced = f"{VALID[:6]} {VALID[6:14]} {VALID[14:]}"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in VALID)
    assert idnumber.normalise(spaced) == idnumber.normalise(full_width) == VALID


def test_a_lower_case_x_check_digit_is_read_as_x():
    number = next(n for n in (id_number(serial=f"{s:03d}") for s in range(1000)) if n.endswith("X"))
    assert idnumber.normalise(number.lower()) == number


def test_a_wrong_check_digit_is_refused():
    wrong = VALID[:-1] + ("0" if VALID[-1] != "0" else "1")
    with pytest.raises(idnumber.InvalidIdNumber, match="最后一位对不上"):
        idnumber.normalise(wrong)


@pytest.mark.parametrize("birth", ["19900230", "19901301", "18991231"])
def test_an_impossible_birth_date_is_refused(birth):
    with pytest.raises(idnumber.InvalidIdNumber, match="出生日期"):
        idnumber.normalise(id_number(birth=birth))


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = (date.today() + timedelta(days=1)).strftime("%Y%m%d")
    with pytest.raises(idnumber.InvalidIdNumber, match="出生日期"):
        idnumber.normalise(id_number(birth=tomorrow))


def test_a_region_code_that_names_no_place_is_refused_as_the_region_not_the_birth_date():
    nowhere = id_number(region="990105", birth="19900307")
    with pytest.raises(idnumber.InvalidIdNumber, match="前 6 位") as refused:
        idnumber.normalise(nowhere)
    assert "出生日期" not in str(refused.value)


def test_an_old_15_digit_number_is_refused_with_its_own_message():
    with pytest.raises(idnumber.InvalidIdNumber, match="15 位"):
        idnumber.normalise("110105900307123")


@pytest.mark.parametrize("raw", ["", "1101051990030712", "11010519900307123Y", "ABCDEFGHIJKLMNOPQR"])
def test_other_shapes_are_refused(raw):
    with pytest.raises(idnumber.InvalidIdNumber):
        idnumber.normalise(raw)


def test_masks_keep_only_the_ends():
    assert idnumber.mask("510104199001013451") == "5101**********3451"
    assert mask_phone("13800138000") == "*******8000"


def test_the_api_says_why_a_number_is_refused(client, make_application):
    resp = make_application(client, expect=422, id_number="110105900307123")
    assert "18 位" in resp["errors"]["json"]["id_number"][0]


VECTORS = json.loads((Path(__file__).resolve().parent / "vectors" / "id_number.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("raw, message", VECTORS["cases"])
def test_the_server_gives_each_vector_its_message(raw, message):
    """The PWA's form (pwa/src/aid/rules.ts) is held to the same file by pwa/tests/aid-rules.test.js."""
    try:
        idnumber.normalise(raw)
        got = ""
    except idnumber.InvalidIdNumber as exc:
        got = str(exc)
    assert got == message
