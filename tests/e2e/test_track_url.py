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
