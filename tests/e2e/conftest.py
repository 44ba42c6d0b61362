"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the real
app (real database, real content, the built pwa/dist) on a real port.

Without Chromium, Playwright or a build these tests skip on a developer's machine and
FAIL in CI (CI=true), so a green CI run always means the browser really ran.
"""
import os
import shutil
from pathlib import Path

import pytest

from . import log_watch
from .live_server import DIST, ROOT, LiveServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CONTENT = Path(os.environ.get("E2E_CONTENT_DIR", ROOT / "content"))
AXE = ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def missing(why: str):
    if IN_CI:
        pytest.fail(f"e2e cannot run in CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed (pip install -r requirements-dev.txt)")
    if not Path(CHROMIUM).is_file():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (DIST / "index.html").is_file() or not (DIST / "sw.js").is_file():
        missing("the PWA is not built (cd pwa && npm ci && npm run build)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def dist_dir(browser, tmp_path):
    """A copy of pwa/dist, so a test can ship a 'new version' without touching the build."""
    d = tmp_path / "dist"
    shutil.copytree(DIST, d)
    return d


@pytest.fixture
def content_dir(tmp_path):
    """A copy of content/, so a test can edit a card as an author would."""
    d = tmp_path / "content"
    shutil.copytree(CONTENT, d)
    return d


@pytest.fixture
def live(request):
    """The app on a real port with the real content: a server of the test's own (its own
    database, copies of content/ and the build it may edit), or, for a test or module marked
    `reads_only`, the module's one server (reading_live)."""
    from server.cards.loader import load_content

    kept, level = log_watch.watch()  # every log line the test's server writes, searched when it ends
    try:
        if request.node.get_closest_marker("reads_only"):
            if {"content_dir", "dist_dir"} & set(request.fixturenames):
                pytest.fail("a test that edits content or the build needs a server of its own: not reads_only")
            server = request.getfixturevalue("reading_live")
            yield server
        else:
            make_app = request.getfixturevalue("make_app")
            app = make_app(CONTENT_DIR=str(request.getfixturevalue("content_dir")),
                           PWA_DIST=str(request.getfixturevalue("dist_dir")))
            with app.app_context():
                load_content(app)
            server = LiveServer(app).start()
            server.app = app
            yield server
            server.stop()
    finally:
        log_watch.unwatch(kept, level)
    log_watch.check(kept, server.app, request.module)


@pytest.fixture(scope="module")
def reading_live(browser, database_template, tmp_path_factory, request):
    """One server for the tests of a module marked `reads_only` (no writes, no edited content, no
    new build, no stopping the server): content loaded once, not once a test. Each test still
    gets a fresh browser context (its own storage and service worker)."""
    from tests.conftest import reading_app

    with reading_app(database_template, tmp_path_factory, request.module.__name__, CONTENT_DIR=str(CONTENT),
                     PWA_DIST=str(DIST)) as app:
        server = LiveServer(app).start()
        server.app = app
        yield server
        server.stop()


@pytest.fixture
def context(browser, live):
    ctx = browser.new_context(
        locale="zh-CN",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
    )
    ctx.set_default_timeout(15000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def axe():
    """Runs axe-core (from pwa/node_modules) on the page; returns its violations."""
    if not AXE.is_file():
        missing("axe-core is not installed (cd pwa && npm ci)")
    source = AXE.read_text(encoding="utf-8")

    def run(page) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(source + "\n;undefined")  # not a <script> tag: the app's CSP allows none
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
            "'wcag21aa', 'best-practice']}})")
        return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                 "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]

    return run
