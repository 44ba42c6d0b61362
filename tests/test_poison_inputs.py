"""Hostile input is normal input: every JSON endpoint, poisoned one field at a time, answers in the one
error format (or accepts the value), never with a 5xx.

The endpoints come from the served OpenAPI description, so a new one is poisoned without anyone
adding it here. Protected endpoints get a real token, path parameters name real records, and
every other field of the body holds a valid value, so each poison travels as far as it can:
through the schema, the services and the database (SQLite, or PostgreSQL with DATABASE_URL).
"""
import json
import re
import uuid

import pytest

from server import create_app
from tests.conftest import base_config
from tests.world import SOON, world  # noqa: F401  (the fixture)

TEXT_POISONS = {
    "nul": "王\u0000五",
    "lone surrogate": "王\ud83d",
    "control character": "a\u001bb",
    "noncharacter": "王\uffff五",  # U+FFFF: once stored, no .docx could hold it (issue 18 item 7)
    "full-width digits": "１３８１２３４５６７８",
    "100 kB": "长" * 100_000,
}
DATE_POISONS = {"year 1": "0001-01-01T00:00:00+14:00", "year 9999": "9999-12-31T23:59:59-14:00"}
DEEP = 100_000
RAW_BODIES = {
    "deep array": b"[" * DEEP + b"]" * DEEP,
    "deep object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "null": b"null",
    "string": b'"text"',
    "list": b"[1, 2]",
    "number": b"1",
    "not json": b"{'a': 1",
    "invalid utf-8": b'{"name": "\xff\xfe"}',
}
ERROR_KEYS = {"code", "status", "message", "error_code", "errors"}


def _spec() -> dict:
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI="sqlite://"))
    return app.test_client().get("/api/v1/openapi.json").get_json()


SPEC = _spec()
OPERATIONS = [(method.upper(), path) for path, item in SPEC["paths"].items()
              for method in item if method in ("get", "post", "put", "patch", "delete")]


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _valid(schema: dict, name: str = ""):
    """A value the schema accepts, so the poisoned field is the only thing wrong with a body."""
    schema = _resolve(schema)
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: _valid(v, k) for k, v in schema.get("properties", {}).items() if not v.get("readOnly")}
    if kind == "array":
        return [_valid(schema.get("items", {}), name)]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return SOON.isoformat()
    if name == "phone":
        return "13812345678"
    text = "测试内容"
    return (text * 10)[:max(schema.get("minLength", 0), len(text))][:schema.get("maxLength", 100)]


def _body_schema(operation: dict) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {})
    return _resolve(content["application/json"]["schema"]) if "application/json" in content else None


def _problems(resp, case: str) -> list[str]:
    if resp.status_code >= 500:
        return [f"{case}: {resp.status_code} {resp.get_data(as_text=True)[:200]}"]
    if resp.status_code < 400:
        return []
    body = resp.get_json(silent=True)
    if not isinstance(body, dict) or body.get("code") != resp.status_code or not isinstance(body.get("message"), str) \
            or not set(body) <= ERROR_KEYS:
        return [f"{case}: {resp.status_code} not in the error format: {resp.get_data(as_text=True)[:200]}"]
    return []


def _cases(operation: dict, path: str, values: dict):
    """(label, url, query, raw body) for every poison this operation can take."""
    params = operation.get("parameters", []) + SPEC["paths"][path].get("parameters", [])
    path_params = [p for p in params if p["in"] == "path"]
    missing = [p["name"] for p in path_params if p["name"] not in values]
    assert not missing, f"give the world fixture a real value for path parameter(s) {missing}"

    def url(**override):
        out = path
        for p in path_params:
            out = out.replace("{" + p["name"] + "}", str(override.get(p["name"], values[p["name"]])))
        return out

    schema = _body_schema(operation)
    base = _valid(schema) if schema else None
    body = json.dumps(base).encode() if base is not None else None
    yield "valid", url(), {}, body
    for p in path_params:
        if p["schema"].get("type") == "string":
            for label, poison in TEXT_POISONS.items():
                yield f"path {p['name']} {label}", url(**{p["name"]: poison.replace("\ud83d", "%ED%A0%BD")}), {}, body
    for p in (p for p in params if p["in"] == "query"):
        poisons = {**TEXT_POISONS, **DATE_POISONS} if p["schema"].get("type") == "string" else DATE_POISONS
        for label, poison in poisons.items():
            yield f"query {p['name']} {label}", url(), {p["name"]: poison.replace("\ud83d", "")}, body
    if schema is None:
        return
    for name, prop in _resolve(schema).get("properties", {}).items():
        prop = _resolve(prop)
        poisons = dict(TEXT_POISONS)
        if prop.get("format") == "date-time":
            poisons |= DATE_POISONS
        if prop.get("type") in ("integer", "array", "object", "boolean"):
            poisons = {"nul": TEXT_POISONS["nul"], "deep value": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}
        for label, poison in poisons.items():
            if prop.get("type") == "array" and label == "nul":
                poison = [poison]
            yield f"body {name} {label}", url(), {}, json.dumps({**base, name: poison}).encode()
    for label, raw in RAW_BODIES.items():
        yield f"body {label}", url(), {}, raw


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_poisoned_input_gets_a_clear_answer_never_a_server_error(world, method, path):
    app, values, headers = world
    operation = SPEC["paths"][path][method.lower()]
    client = app.test_client()
    problems, sent = [], 0
    for label, url, query, raw in _cases(operation, path, values):
        extra = {"content_type": "application/json", "data": raw} if raw is not None else {}
        resp = client.open(url, method=method, query_string=query, headers=headers(operation, path), **extra)
        problems += _problems(resp, label)
        sent += 1
    assert sent >= 1
    assert not problems, "\n".join(problems)


def test_every_json_endpoint_is_in_the_corpus():
    """The corpus reads the description; an API route missing from it would go unpoisoned."""
    app = create_app(base_config(SQLALCHEMY_DATABASE_URI="sqlite://"))
    routes = {(m, r.rule) for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")
              and not r.rule.startswith(("/api/v1/openapi", "/api/v1/docs"))
              for m in r.methods - {"HEAD", "OPTIONS"}}
    described = set(OPERATIONS)
    undescribed = {(m, r) for m, r in routes if (m, re.sub(r"<(?:[^>]*:)?(\w+)>", r"{\1}", r)) not in described}
    assert not undescribed


def test_deep_json_is_a_400_in_the_error_format(client):
    resp = client.post("/api/v1/auth/login", data="[" * DEEP + "]" * DEEP, content_type="application/json")
    assert resp.status_code == 400
    body = resp.get_json()
    assert body["code"] == 400 and "格式" in body["message"]


def test_a_nul_in_a_card_slug_or_a_sign_up_token_names_nothing(client):
    for url in ("/api/v1/cards/abc%00def", "/api/v1/signups/abc%00def"):
        resp = client.get(url)
        assert resp.status_code == 404, url
        assert resp.get_json()["code"] == 404


def test_a_negative_id_names_nothing_whatever_the_method(client, auth):
    staff = auth(client, "staff")
    assert client.patch("/api/v1/events/-1", json={"title": "新标题"}, headers=staff).status_code == 404
    assert client.post("/api/v1/events/-1/report", json={}, headers=staff).status_code == 404
    assert client.put("/api/v1/events/null,null/volunteers", json={"user_ids": []}, headers=staff).status_code == 404
    assert client.post("/api/v1/cards").status_code == 405  # a path that exists keeps its 405


def test_a_page_far_past_the_end_is_empty_not_an_error(client, auth):
    resp = client.get("/api/v1/audit?page=122971733527947231232", headers=auth(client, "admin"))
    assert resp.status_code == 200 and resp.get_json() == []


def test_a_nul_in_the_username_is_refused_at_the_edge(client):
    resp = client.post("/api/v1/auth/login", json={"username": "ad\u0000min", "password": "x" * 10})
    assert resp.status_code == 422
    assert "username" in resp.get_json()["errors"]["json"]


def test_a_code_in_full_width_digits_is_not_a_code_we_sent(client):
    resp = client.post("/api/v1/auth/otp/verify", json={"phone": "13812345678", "code": "１２３４５６"})
    assert resp.status_code == 422
    assert "code" in resp.get_json()["errors"]["json"]


def test_an_event_in_year_one_is_refused_field_by_field(client, auth):
    resp = client.post("/api/v1/events", headers=auth(client, "staff"), json={
        "title": "法律进工地", "kind": "lecture", "place": "城南工地", "starts_at": "0001-01-01T00:00:00+14:00"})
    assert resp.status_code == 422
    assert "starts_at" in resp.get_json()["errors"]["json"]


def test_a_server_error_log_holds_no_sql_parameters(make_app, caplog):
    """A 500 names the statement that failed, never the names, tokens or phone ciphertexts bound to it."""
    import sqlalchemy as sa
    from flask import request

    from server.extensions import db

    app = make_app()

    def leaky():
        db.session.execute(sa.text("SELECT no_such_column FROM events WHERE title = :t"), {"t": request.args["who"]})

    app.add_url_rule("/api/v1/leaky", "leaky", leaky)
    resp = app.test_client().get("/api/v1/leaky", query_string={"who": "张三13812345678"})
    assert resp.status_code == 500
    assert "no_such_column" in caplog.text  # we can still tell what failed
    assert "13812345678" not in caplog.text


def op(kind, event_id, **fields):
    return {"id": str(uuid.uuid4()), "type": kind, "event_id": event_id, "device_time": SOON.isoformat(), **fields}


SYNC_FIELDS = {"id": None, "qr_token": "checkin", "name": "walkin", "phone": "walkin", "employer": "walkin",
               "site": "walkin", "device_time": "checkin"}
SYNC_POISONS = [(field, label) for field in SYNC_FIELDS for label in
                [*TEXT_POISONS, *(DATE_POISONS if field == "device_time" else [])]]
SYNC_POISONS += [("operation", kind) for kind in ("null", "string", "list", "deep")]
def _poisoned_operation(field, label, event_id, qr_token):
    if field == "operation":
        return {"null": None, "string": "text", "list": [1, 2], "deep": {"a": [[[[[[[[[[1]]]]]]]]]]}}[label]
    poison = {**TEXT_POISONS, **DATE_POISONS}[label]
    if SYNC_FIELDS[field] == "walkin" or field == "id":
        bad = op("walkin", event_id, name="现场工友", phone="13700001111")
    else:
        bad = op("checkin", event_id, qr_token=qr_token)
    return bad | {field: poison}


@pytest.mark.parametrize(("field", "label"), SYNC_POISONS, ids=[f"{f} {k}" for f, k in SYNC_POISONS])
def test_one_poisoned_operation_is_rejected_alone_and_the_good_one_lands(world, field, label):
    app, values, headers = world
    with app.app_context():
        from server.events import service as events
        from server.events import signups
        event = events.get_event(values["event_id"])
        fresh, _ = signups.sign_up(event, {"name": "李四", "phone": "13900002222"})
        token = fresh.qr_token
    good = op("checkin", values["event_id"], qr_token=token)
    bad = _poisoned_operation(field, label, values["event_id"], values["token"])
    operation = SPEC["paths"]["/api/v1/sync"]["post"]
    resp = app.test_client().post("/api/v1/sync", headers=headers(operation, "/api/v1/sync"),
                                  content_type="application/json",
                                  data=json.dumps({"device_id": "phone-A", "operations": [good, bad]}))
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    first, second = resp.get_json()["results"]
    assert first["status"] == "applied"
    if label == "full-width digits":
        assert second["status"] in ("applied", "rejected")  # a plain value (a phone may be folded or refused)
    else:
        assert second["status"] == "rejected"
