"""Main-thread blocking on a worker's first visit, in Debian's Chromium with a phone's CPU:
what Lighthouse calls total blocking time, measured without Lighthouse.

    .venv/bin/python bench/main_thread.py [--dist pwa/dist] [--dist /other/dist] [--runs 3] [--cpu 4]

For every build and page, a fresh profile opens the page with the CPU slowed --cpu times (CDP
Emulation.setCPUThrottlingRate; Lighthouse's mobile preset uses 4) and waits until the app says
已可离线使用 (the content pack is on the phone, so search and cards run from it), then, on the
search page, searches again from the pack. It prints, from the page's long tasks (over 50 ms):
  blocking   the sum of each long task's time over 50 ms, from first paint on (Lighthouse's TBT
             counts the same until the page is quiet; here until offline ready, so it is larger)
  longest    the longest task
  search     blocking during the second search alone (index build and ranking, if on the main thread)
The yardstick, in the same run: the same measure on a 1 KB static page (`floor`), the browser's own cost.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.first_visit import CHROMIUM, make_app, serve  # noqa: E402

PAGES = ["/search?q=" + quote("老板不给钱"), "/cards/wage-arrears-first-step", "/", "/quiz", "/aid/apply"]
OBSERVE = """(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration])))
    .observe({ type: 'longtask', buffered: true });
})()"""
BLOCKING = """(since) => {
  const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0;
  const from = Math.max(fcp, since || 0);
  const tasks = window.__long.filter(([s]) => s >= from);
  return { blocking: tasks.reduce((a, [, d]) => a + Math.max(0, d - 50), 0),
           longest: tasks.reduce((a, [, d]) => Math.max(a, d), 0) };
}"""


def visit(browser, url: str, cpu: float, search_again: bool, timeout_s: float = 60) -> dict:
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True,
                              has_touch=True, service_workers="allow")
    ctx.add_init_script(OBSERVE)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    page.goto(url)
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and "已可离线使用" not in (page.text_content("body") or ""):
        page.wait_for_timeout(200)
    page.wait_for_timeout(1500)  # what the pack's arrival set off
    out = page.evaluate(BLOCKING, 0)
    if search_again:
        since = page.evaluate("performance.now()")
        box = page.get_by_role("searchbox")
        box.fill("钢筋砸到脚了")
        box.press("Enter")
        page.wait_for_url("**/search?q=*%E8%84%9A*")
        page.locator(".cards a, .card-list a, a[href^='/cards/']").first.wait_for()
        page.wait_for_timeout(1000)
        out["search"] = page.evaluate(BLOCKING, since)["blocking"]
    ctx.close()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", action="append", help="a built pwa/dist (repeat to compare builds)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--cpu", type=float, default=4)
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for dist in [Path(d).resolve() for d in (args.dist or [ROOT / "pwa" / "dist"])]:
            server = serve(make_app(dist))
            base = f"http://127.0.0.1:{server.server_port}"
            print(f"\n{dist}  (CPU slowed {args.cpu:g}x, median of {args.runs})")
            print(f"  {'page':<34} {'blocking ms':>12} {'longest ms':>11} {'search ms':>10}")
            for page in ["/__floor", *PAGES]:
                again = page.startswith("/search")
                runs = [visit(browser, base + page, args.cpu, again, timeout_s=5 if page == "/__floor" else 60)
                        for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                search = f"{med['search']:10.0f}" if again else f"{'':>10}"
                print(f"  {page:<34} {med['blocking']:12.0f} {med['longest']:11.0f} {search}")
            server.shutdown()
        browser.close()


if __name__ == "__main__":
    main()
