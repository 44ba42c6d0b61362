"""The published contract over HTTP, as clients meet it: the app served by gunicorn with gunicorn.conf.py
(its request limits and error pages included), on the small world of tests/world.py.

tests/test_api_contract.py sends many cases to every operation in-process; this one sends a few to
each read over a real socket, where gunicorn, not Flask, answers what breaks its limits.
"""
import json
import urllib.error
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import REAL_CONTENT, TEST_SECRETS
from tests.served import Gunicorn
from tests.world import world  # noqa: F401  (the fixture)

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
MAX_EXAMPLES = 4  # over HTTP, per operation: the in-process test goes wide, this one goes through the socket


@pytest.fixture
def served(world, tmp_path):  # noqa: F811
    """The app served by gunicorn on the world's database, with the world's keys (tokens and ciphertexts hold) and the
    real content (the pack and cards as workers get them, the 21.75 notice cited by its part included)."""
    from server.cards.loader import load_content
    app, values, headers = world
    with app.app_context():
        load_content(app, REAL_CONTENT)
    values = {**values, "slug": "hours-overtime-pay-rates"}
    env = {"APP_ENV": "development", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], **TEST_SECRETS,
           "STORAGE_DIR": app.config["STORAGE_DIR"], "CONTENT_DIR": str(REAL_CONTENT),
           "PACK_DIR": app.config["PACK_DIR"], "WEB_THREADS": "4"}
    with Gunicorn(env, tmp_path) as server:
        assert server.code is None, server.err
        yield f"http://127.0.0.1:{server.port}", values, headers


@pytest.fixture
def served_schema(served):
    base, _values, _headers = served
    return schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json").include(method="GET")


schema = schemathesis.pytest.from_fixture("served_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_read_keeps_its_published_contract_over_http(case, served):
    base, values, headers = served
    for name in case.path_parameters or {}:
        if name in values:
            case.path_parameters[name] = values[name]  # real records: the answers' bodies are checked too
    case.call_and_validate(base_url=base, headers=headers(case.operation.definition.raw, case.path), checks=CHECKS)


def test_a_request_line_over_gunicorns_limit_is_answered_in_the_error_format_it_documents(served):
    base, _values, headers = served
    spec = json.load(urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=30))
    path = "/api/v1/audit.xlsx"
    request = urllib.request.Request(f"{base}{path}?q={'1' * 5000}",
                                     headers=headers(spec["paths"][path]["get"], path))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    body = json.loads(refused.value.read())
    assert refused.value.code == 400 and refused.value.headers["Content-Type"] == "application/json"
    assert body["code"] == 400 and body["error_code"] == "request_refused"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]) and "1111" not in body["message"]
    assert "400" in spec["paths"][path]["get"]["responses"]
