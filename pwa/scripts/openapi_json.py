"""Writes the API's OpenAPI description to pwa/openapi.json, as the app serves it.

    .venv/bin/python pwa/scripts/openapi_json.py           write it
    .venv/bin/python pwa/scripts/openapi_json.py --check   exit 1 if the committed file differs

No server and no database: the description comes from the app's routes and schemas, asked
through Flask's test client. `npm run api-types` (or `make api-types`) then turns it into
src/core/api-types.ts. It also writes pwa/tests/action-forms.json, every case move's form as the case view
describes it (server/aid/cases/move_schemas.py FORMS), for the PWA's unit tests of the forms drawn from it.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "pwa" / "openapi.json"
FORMS_TARGET = ROOT / "pwa" / "tests" / "action-forms.json"


def describe() -> str:
    sys.path.insert(0, str(ROOT))
    from server import create_app

    # The description does not depend on secrets or the database; these only let the app start.
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": "openapi-" + "x" * 40, "JWT_SECRET_KEY": "openapi-" + "y" * 40})
    resp = app.test_client().get("/api/v1/openapi.json")
    assert resp.status_code == 200, resp.status_code
    return json.dumps(resp.get_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def action_forms() -> str:
    sys.path.insert(0, str(ROOT))
    from server.aid.cases.move_schemas import FORMS

    return json.dumps(FORMS, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    made = {TARGET: describe(), FORMS_TARGET: action_forms()}
    if "--check" in sys.argv:
        for target, text in made.items():
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                sys.exit(f"{target.relative_to(ROOT)} is not the app's: run `make api-types`")
        return
    for target, text in made.items():
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
