"""The PWA's API types are made from the API's own description, and a change to a server schema
that nobody carried over to the PWA fails here (the fix: `make api-types`)."""
import hashlib
import importlib.util
import re

from tests.conftest import ROOT

PWA = ROOT / "pwa"


def _openapi_json():
    spec = importlib.util.spec_from_file_location("openapi_json", PWA / "scripts" / "openapi_json.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_description_is_the_apps():
    committed = (PWA / "openapi.json").read_text(encoding="utf-8")
    assert committed == _openapi_json().describe(), "pwa/openapi.json is out of date: run `make api-types`"


def test_the_pwas_types_were_made_from_the_committed_description():
    header = (PWA / "src" / "core" / "api-types.ts").read_text(encoding="utf-8").split("\n", 1)[0]
    made_from = re.search(r"sha256 ([0-9a-f]{64})", header)
    assert made_from, header
    assert made_from[1] == hashlib.sha256((PWA / "openapi.json").read_bytes()).hexdigest(), (
        "src/core/api-types.ts was not generated from pwa/openapi.json: run `make api-types`")


def test_no_hand_written_copy_of_an_api_shape_is_left():
    # The types the PWA reads the API with come from the generated file; these are the two
    # modules that used to hold hand-written copies.
    for path in ("src/cards/types.ts", "src/events/types.ts"):
        text = (PWA / path).read_text(encoding="utf-8")
        assert "from '../core/schemas'" in text, path
        for name in ("Topic", "CardSummary", "QuizItem", "EventInfo", "SignupAnswer", "RosterAttendee"):
            assert not re.search(rf"export interface {name} \{{", text), (path, name)


def test_the_pwas_copy_of_the_move_forms_is_the_servers():
    # pwa/tests/action-forms.json feeds the PWA's unit tests of the forms drawn from the case view.
    committed = (PWA / "tests" / "action-forms.json").read_text(encoding="utf-8")
    assert committed == _openapi_json().action_forms(), (
        "pwa/tests/action-forms.json is out of date: run `make api-types`")
