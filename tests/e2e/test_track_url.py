"""The tracking code stays out of every URL the PWA makes: links carry it in the fragment, which the browser
never sends, so no request line, Referer or access log holds it (issue 18 item 5)."""
from playwright.sync_api import expect


def test_an_old_tracking_link_moves_the_code_out_of_the_address_and_no_request_carries_it(live, page,
                                                                                          make_application):
    application = make_application(live.app.test_client())
    code = application["code"]
    page.goto(live.url + f"/aid/track?code={code}")  # a link from before, e.g. kept as a bookmark
    expect(page.get_by_label("查询码")).to_have_value(code)
    assert code not in page.evaluate("location.pathname + location.search")

    sent = []
    page.on("request", lambda r: sent.append((r.url, r.headers.get("referer") or "")))
    page.get_by_label("申请时填的手机号").fill(application["phone"])
    page.get_by_role("button", name="查进度").click()
    expect(page.get_by_test_id("track-stage")).to_have_text("现在：收到申请")
    page.reload()  # the page as the address bar now has it: the code comes back from the fragment
    expect(page.get_by_label("查询码")).to_have_value(code)
    assert any("/api/v1/applications/track" in url for url, _ in sent)
    for url, referer in sent:
        assert code not in url and code not in referer, (url, referer)


COUNT_PAGES = """
window.__pages = 0;
new MutationObserver((changes) => {
  for (const c of changes) for (const n of c.addedNodes)
    if (n.nodeType === 1 && (n.id === 'main' || n.querySelector('#main'))) window.__pages += 1;
}).observe(document, { childList: true, subtree: true });
"""


def test_the_phone_typed_on_an_old_tracking_link_survives_the_page_redrawing(live, page, make_application):
    """Moving the code out of the address must not start the page over: in the CI run of cade6c8 the app
    redrew after the worker had typed the phone (as it does whenever anything changes), found a new address
    and drew 查进度 afresh, with the phone gone. The page is drawn once, however often the app redraws."""
    application = make_application(live.app.test_client())
    page.add_init_script(COUNT_PAGES)
    page.goto(live.url + f"/aid/track?code={application['code']}")
    expect(page.get_by_label("查询码")).to_have_value(application["code"])
    page.get_by_label("申请时填的手机号").fill(application["phone"])
    page.context.set_offline(True)  # the no-signal banner: the whole app draws again
    expect(page.locator(".banner").first).to_be_visible()
    page.context.set_offline(False)
    assert page.evaluate("window.__pages") == 1
    expect(page.get_by_label("申请时填的手机号")).to_have_value(application["phone"])
    page.get_by_role("button", name="查进度").click()
    expect(page.get_by_test_id("track-stage")).to_have_text("现在：收到申请")
