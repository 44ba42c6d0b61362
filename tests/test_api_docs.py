"""/api/v1/docs works where public CDNs don't (no network, mainland China): Swagger UI's files
come from the app itself, and the page's policy allows nothing from elsewhere."""
import re

import pytest

from tests.test_errors import assert_error


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)


def test_the_docs_page_loads_swagger_ui_from_the_app(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    urls = asset_urls(page.get_data(as_text=True))
    assert len(urls) == 3 and all(u.startswith("/api/v1/docs/assets/") for u in urls), urls
    for url in urls:
        with client.get(url) as resp:  # a file response: closed, or its file stays open
            assert resp.status_code == 200, url
            assert resp.mimetype in ("text/javascript", "application/javascript", "text/css"), (url, resp.mimetype)
            assert len(resp.data) > 10_000, url
            assert "max-age" in resp.headers["Cache-Control"]


def test_the_docs_page_allows_scripts_and_styles_from_the_app_only(client):
    policy = client.get("/api/v1/docs").headers["Content-Security-Policy"]
    assert "http" not in policy, policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"].split()[0] == "'self'"
    assert directives["style-src"].split()[0] == "'self'"


@pytest.mark.parametrize("name", ["nothing.js", "../__init__.py", "index.html", "swagger-ui-bundle.js.map"])
def test_only_the_three_swagger_files_are_served(client, name):
    assert_error(client.get(f"/api/v1/docs/assets/{name}"), 404)
