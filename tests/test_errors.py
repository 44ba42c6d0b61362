"""Every failure reaches the client in the one error format, in plain Chinese, never as HTML."""
import re

import pytest
from flask import request

CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_error(resp, status):
    assert resp.status_code == status
    assert resp.is_json, resp.data[:200]
    body = resp.get_json()
    assert body["code"] == status
    assert isinstance(body["status"], str) and body["status"]
    assert CJK.search(body["message"]), body["message"]
    assert "Traceback" not in resp.get_data(as_text=True)
    return body


def test_unknown_api_path_is_a_json_404(client):
    assert_error(client.get("/api/v1/no-such-thing"), 404)


def test_unknown_card_is_a_json_404_with_a_reason(loaded):
    body = assert_error(loaded.test_client().get("/api/v1/cards/no-such-card"), 404)
    assert body["error_code"] == "card_not_found"


def test_wrong_method_is_a_json_405(client):
    resp = client.post("/api/v1/cards")
    assert_error(resp, 405)
    assert "GET" in resp.headers["Allow"]


def test_bad_query_is_a_422_naming_the_field_in_chinese(client):
    body = assert_error(client.get("/api/v1/cards?page=0&page_size=abc"), 422)
    fields = body["errors"]["query"]
    assert set(fields) == {"page", "page_size"}
    assert CJK.search(fields["page_size"][0])


def test_too_large_body_is_a_json_413(make_app):
    app = make_app(MAX_CONTENT_LENGTH=100)
    app.add_url_rule("/api/v1/echo", "echo", lambda: {"n": len(request.get_data())}, methods=["POST"])
    assert_error(app.test_client().post("/api/v1/echo", data=b"x" * 1000), 413)


def test_crash_is_a_json_500_without_the_stack(make_app, caplog):
    app = make_app()

    def boom():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/api/v1/boom", "boom", boom)
    resp = app.test_client().get("/api/v1/boom")
    assert_error(resp, 500)
    assert "secret internal detail" not in resp.get_data(as_text=True)
    assert "secret internal detail" in caplog.text  # logged for us, not shown to them


@pytest.mark.parametrize("path", ["/api/v1/openapi.json"])
def test_openapi_description_lists_the_card_endpoints(client, path):
    spec = client.get(path).get_json()
    assert {"/api/v1/cards", "/api/v1/cards/{slug}", "/api/v1/content/pack", "/api/v1/topics",
            "/api/v1/quiz"} <= set(spec["paths"])


def test_browsable_docs_are_served(client):
    resp = client.get("/api/v1/docs")
    assert resp.status_code == 200 and b"swagger" in resp.data.lower()


def test_the_openapi_description_is_valid_and_documents_the_error_format(client):
    from openapi_spec_validator import validate
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    signup = spec["paths"]["/api/v1/events/{event_id}/signups"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in signup["parameters"]]
    assert "422" in signup["responses"]


# (A page number that large is a page past the end: an empty list, tests/test_poison_inputs.py.)
@pytest.mark.parametrize("url", ["/api/v1/users/9223372036854775808", "/api/v1/events/-9223372036854775809"])
def test_numbers_too_big_for_the_database_are_not_found_not_a_crash(client, auth, url):
    assert_error(client.get(url, headers=auth(client, "admin")), 404)


def test_a_database_that_cannot_be_reached_is_a_503_with_retry_after(tmp_path):
    """PostgreSQL restarting or down (bench/faults.py: 129 answers 500 while it restarted): no statement ran, so the
    same request may simply be sent again later; a 503 with Retry-After says so, in the one error format."""
    import socket

    from server import create_app
    from tests.conftest import base_config

    with socket.socket() as s:  # a port nothing listens on: the connection is refused, as while PostgreSQL restarts
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://postgres@127.0.0.1:{port}/gone",
                                 STORAGE_DIR=str(tmp_path / "uploads"), PACK_DIR=str(tmp_path / "pack")))
    client = app.test_client()
    for resp in (client.get("/api/v1/cards"), client.get("/api/v1/events"),
                 client.post("/api/v1/events/1/signups", json={"name": "张三", "phone": "13800138000"},
                             headers={"Idempotency-Key": "a-key-of-this-test-0001"})):
        assert_error(resp, 503)
        assert resp.get_json()["error_code"] == "database_unavailable"
        assert int(resp.headers["Retry-After"]) > 0


def test_a_connection_lost_as_the_request_ends_leaves_the_answer_as_it_was(make_app, monkeypatch):
    """PostgreSQL restarted just as a request finished (bench/faults.py): ending its session rolled back on a dead
    connection, which raised out of the app context's teardown, past every handler, and gunicorn answered 500
    for a request the app had answered. The answer stands, and the next request gets a fresh connection."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    app = make_app()
    client = app.test_client()
    close, lost = Session.close, []

    def close_on_a_dead_connection(session):
        if not lost:
            lost.append(1)
            close(session)
            raise OperationalError("ROLLBACK", {}, Exception("server closed the connection unexpectedly"),
                                   connection_invalidated=True)
        return close(session)

    monkeypatch.setattr(Session, "close", close_on_a_dead_connection)
    assert client.get("/api/v1/events").status_code == 200
    assert lost == [1]
    assert client.get("/api/v1/events").status_code == 200
