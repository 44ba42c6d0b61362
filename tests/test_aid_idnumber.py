"""The ID-number rule (GB 11643) and the masks every list uses.

Under GB 11643 the first six digits are the county that issued the number, often created after the
holder was born (Chongqing's 50xxxx from 1997, 成都锦江 510104 from 1990): a code that exists or ever
existed is accepted whatever the birth year, and one nobody's table knows is accepted with a note
for staff, never refused: the worker cannot change the number on their card.
"""
import json
from datetime import timedelta
from pathlib import Path

import pytest

from server.aid import idnumber
from server.clock import china_time, utcnow
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
    tomorrow = (china_time(utcnow()).date() + timedelta(days=1)).strftime("%Y%m%d")  # in China, where the worker is
    with pytest.raises(idnumber.InvalidIdNumber, match="出生日期"):
        idnumber.normalise(id_number(birth=tomorrow))


# Real holders the old rule refused (issue 18): the county's code is younger than the holder.
REAL_HOLDERS = [
    ("500101", "19650412"),  # 重庆 万州 (万县区 1997, 万州区 from 1998)
    ("500103", "19820815"),  # 重庆 渝中区, from 1997
    ("500106", "19961231"),  # 重庆 沙坪坝区, born the day before Chongqing's codes began
    ("500222", "19780301"),  # 重庆 綦江县, 1997-2011: a code that no longer exists still identifies its holders
    ("510104", "19850620"),  # 成都 锦江区, from 1990
    ("511322", "19780911"),  # 南充 营山县, from 1993
    ("330106", "19750102"),  # 杭州 西湖区, from 1983
    ("370102", "19700505"),  # 济南 历下区, from 1983
]


@pytest.mark.parametrize("region, birth", REAL_HOLDERS)
def test_a_real_county_code_is_accepted_whatever_year_the_holder_was_born(region, birth):
    number = id_number(region=region, birth=birth, serial="031")
    assert idnumber.normalise(number) == number
    assert idnumber.region_note(number) == ""


def test_a_region_code_no_table_knows_is_accepted_with_a_note_for_staff():
    nowhere = id_number(region="990105", birth="19900307")
    assert idnumber.normalise(nowhere) == nowhere
    assert "前 6 位" in idnumber.region_note(nowhere)
    # a province that exists with a county code it never had is no better
    assert idnumber.region_note(id_number(region="110199")) == idnumber.region_note(nowhere)


def test_staff_see_the_note_on_the_case_view_and_the_application_is_kept(client, staff, make_application):
    known = make_application(client, id_number=id_number(region="500103", birth="19820815"))
    unknown = make_application(client, id_number=id_number(region="990105"), phone="13900001111")
    seen = client.get(f"/api/v1/cases/{known['id']}", headers=staff).get_json()
    odd = client.get(f"/api/v1/cases/{unknown['id']}", headers=staff).get_json()
    assert seen["id_number_note"] == ""
    assert "前 6 位" in odd["id_number_note"] and "核对" in odd["id_number_note"]


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
