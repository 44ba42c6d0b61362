"""Small steps the browser tests share."""
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
