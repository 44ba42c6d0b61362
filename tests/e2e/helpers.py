"""Small steps the browser tests share."""
import json
import re
from pathlib import Path

from playwright.sync_api import expect


def wait_for(page, expression: str, timeout_ms: int = 15000):
    """Poll a JavaScript expression until it is truthy (page.wait_for_function needs eval,
    which the app's Content-Security-Policy rightly forbids)."""
    for _ in range(timeout_ms // 100):
        if value := page.evaluate(expression):
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


def wait_until_offline_ready(page):
    """The app says so once the shell is cached and the cards are on the phone."""
    expect(page.get_by_text("已可离线使用")).to_be_visible(timeout=30000)
    wait_for(page, "navigator.serviceWorker.controller !== null")


def cut_network(live, context):
    """Stop the server and take the browser offline: nothing can be fetched any more."""
    live.stop()
    context.set_offline(True)
    assert not live.is_reachable(), "the server still answers: the test would not be offline"


def restore_network(live, context):
    live.start()
    context.set_offline(False)


def result_slugs(page) -> list[str]:
    return page.locator("a.card-item").evaluate_all(
        "els => els.map(e => e.getAttribute('href').replace('/cards/', ''))")


def later_files(live) -> list[str]:
    """The 'later' tier's files (the day log, the calculators) as the build listed them in sw.js."""
    sw = (Path(live.app.config["PWA_DIST"]) / "sw.js").read_text()
    lists = [json.loads(found) for found in re.findall(r'\[\{"url":.*?\}\]', sw)]
    return next([e["url"] for e in found] for found in lists if any("daylog-page-" in e["url"] for e in found))


def wait_until_later_kept(page, live):
    """Every file of the 'later' tier is in its cache (the service worker puts them in one at a time: with only the
    first, the day log's screen cannot open offline)."""
    wanted = len(later_files(live))
    wait_for(page, f"caches.open('gyfy-later').then((c) => c.keys()).then((k) => k.length >= {wanted})", 30000)
