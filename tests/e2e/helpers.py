"""Small steps the browser tests share."""

import re

from playwright.sync_api import expect


def wait_for(page, expression: str, timeout_ms: int = 15000):
    """Poll a JavaScript expression until it is truthy (page.wait_for_function needs eval,
    which the app's Content-Security-Policy rightly forbids)."""
    for _ in range(timeout_ms // 100):
        if value := page.evaluate(expression):
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


# What the app says once the shell is cached and the cards are on the phone: the toast (已可离线使用：没信号也能看)
# or 我的's cell title. Not 我的's hint before that (联网打开一次，等提示"已可离线使用"): a wait that matched it
# let tests cut the network while the service worker was still installing.
OFFLINE_READY = re.compile(r"^已可离线使用")


def wait_until_offline_ready(page):
    """The app says so once the shell is cached and the cards are on the phone, and the service worker is in charge."""
    expect(page.get_by_text(OFFLINE_READY).first).to_be_visible(timeout=30000)
    wait_for(page, "navigator.serviceWorker.controller !== null")


# What the service worker keeps a few seconds after 已可离线使用 (pwa/src/sw.ts, its 'gyfy-later' cache): the
# 'later' screens' files (the calculators, the day log) and, in the reader's locale, the calculators' rules
# and the quiz bank (no longer in the pack: a worker's first visit stays under 120 KB).
LATER_KEPT = """(async () => {
  const urls = (await (await caches.open('gyfy-later')).keys()).map((r) => new URL(r.url));
  const api = urls.filter((u) => u.pathname.startsWith('/api/')).map((u) => u.pathname + u.search).sort();
  return [urls.length - api.length, api.join()];
})()"""
LATER_API = "/api/v1/content/calculators?locale=zh-CN,/api/v1/content/quiz?locale=zh-CN"


def later_files() -> list[str]:
    """The 'later' tier's files as the build listed them in sw.js (bench/pwa_size.py reads them the same way)."""
    from bench import pwa_size

    from .live_server import DIST
    return [e["url"] for e in pwa_size.precache_lists((DIST / "sw.js").read_text(encoding="utf-8"))["later"]]


def wait_until_later_kept(page, live=None):
    """The whole 'later' tier is on the phone: every file sw.js lists for it (the service worker puts them in one at a
    time: with only the first, the day log's screen cannot open offline), the calculators' rules and the quiz bank."""
    files = len(later_files())
    wait_for(page, f"{LATER_KEPT}.then(([n, api]) => api === '{LATER_API}' && n >= {files})", timeout_ms=30000)
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
