"""A worker's first visit on a weak signal: how long the screen stays empty, and how long until
the app says 已可离线使用 — in Debian's Chromium, over a link shaped to 400 and 150 kbit/s.

    python bench/first_visit.py [--dist pwa/dist] [--dist /other/build/dist] [--runs 2] [--cdp] [--by-url] [--site]

For every build given (e.g. before and after a change) and every link speed, a fresh browser
profile opens `/` and the script prints, from the start of navigation:
  first paint      first contentful paint (the screen is no longer blank)
  hotline          a `tel:12348` link is in the page (a worker can call for help)
  topics           the topic list is shown (the app has started and has its content)
  offline ready    the page says 已可离线使用 (the worker's part is on the phone)
  bytes            what crossed the link until then
With --site the visit opens a site's page instead, /s/{code}, as a worker does who scans the QR on a
site's board (issue 23), and 'topics' becomes
  facts            the board's facts are shown (the site's name, firms and pay day)
The yardstick, started in the same run over the same link: a page of 1 KB of static HTML
(its first paint is the floor any build can reach: the link's round trips and nothing else).

The link: a small TCP proxy on 127.0.0.1 that all the browser's traffic crosses: one shared
pipe per direction at the given rate, plus RTT/2 each way (a 2G/3G cell: 400 ms RTT).
With --cdp, Chromium's own throttling (CDP Network.emulateNetworkConditions on the page)
shapes the link instead; it does not reach the service worker's own requests (the precache),
so its 'offline ready' comes too early: compare the two to see what the precache costs.
The app is the real one (real content, SQLite) on a keep-alive HTTP/1.1 server.
With --by-url, the last visit of each build is also split per request (read from the proxy's
streams: each response's header and body bytes, until 已可离线使用), to see where the bytes go.
"""
import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINKS = [(400, 400), (150, 400)]  # kbit/s, RTT ms
CHROMIUM = "/usr/bin/chromium"
YARDSTICK = ("<!doctype html><html lang=zh-CN><meta charset=utf-8><title>floor</title>"
             "<body><h1>工友法援</h1><p>" + "工地上的法律明白话。" * 30 + "</p></body></html>")

# Runs in the page before its own scripts: notes when each milestone first shows.
PROBE = """
(() => {
  const marks = window.__marks = {};
  const note = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
  const check = () => {
    if (document.querySelector('a[href="tel:12348"]')) note('hotline');
    if (document.querySelectorAll('a[href^="/topics/"]').length > 3) note('topics');
    if (document.querySelector('[data-testid="site-facts"]')) note('facts');
    if (document.body && document.body.textContent.includes('已可离线使用')) note('offline');
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
  document.addEventListener('DOMContentLoaded', check);
})();
"""


class Link:
    """A TCP proxy that behaves like a slow cell link: rate-limited pipes and a fixed delay."""

    def __init__(self, target_port: int, kbit: int, rtt_ms: int):
        self.target_port, self.rate, self.delay = target_port, kbit * 1000 / 8, rtt_ms / 2000
        self.down_bytes = 0
        self.streams: list[tuple[bytearray, bytearray]] = []  # per connection: (up, down) bytes
        self._free = {"down": 0.0, "up": 0.0}
        self.loop = asyncio.new_event_loop()
        self.port = 0
        started = threading.Event()
        threading.Thread(target=self._run, args=(started,), daemon=True).start()
        started.wait(5)

    def _run(self, started):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    def reset(self):
        self.down_bytes = 0
        self.streams = []

    async def _client(self, reader, writer):
        await asyncio.sleep(2 * self.delay)  # the TCP handshake: one round trip
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        stream = (bytearray(), bytearray())
        self.streams.append(stream)
        await asyncio.gather(self._pipe(reader, up_w, "up", stream[0]), self._pipe(up_r, writer, "down", stream[1]),
                             return_exceptions=True)

    async def _pipe(self, reader, writer, way, copy: bytearray):
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while (item := await queue.get()) is not None:
                due, data = item
                if (wait := due - self.loop.time()) > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        try:
            while data := await reader.read(1460):
                now = self.loop.time()
                start = max(now, self._free[way])  # one pipe per direction, shared by all connections
                self._free[way] = start + len(data) / self.rate
                if way == "down":
                    self.down_bytes += len(data)
                copy.extend(data)
                queue.put_nowait((self._free[way] + self.delay, data))
        finally:
            queue.put_nowait(None)
            await sender


def by_url(streams, counted: int) -> list[tuple[str, int, int]]:
    """(request, header bytes, body bytes) for each response in the proxy's streams, in order.

    Chromium sends one request at a time on an HTTP/1.1 connection, so the n-th response on a
    connection answers its n-th request. Bodies are framed by Content-Length or chunked."""
    rows = []
    for up, down in streams:
        requests = [line.split(b"\r\n", 1)[0].decode("latin-1") for line in bytes(up).split(b"\r\n\r\n")
                    if line[:1].isalpha()]
        pos, n = 0, 0
        while pos < len(down):
            end = down.find(b"\r\n\r\n", pos)
            if end < 0:
                break
            head = bytes(down[pos:end + 4])
            fields = {k.strip().lower(): v.strip() for k, _, v in
                      (h.partition(b":") for h in head.split(b"\r\n")[1:] if h)}
            status = head.split(b" ", 2)[1].decode()
            body_start = end + 4
            if b"chunked" in fields.get(b"transfer-encoding", b""):
                p = body_start
                while True:
                    eol = down.find(b"\r\n", p)
                    size = int(bytes(down[p:eol]).split(b";")[0], 16)
                    p = eol + 2 + size + 2
                    if size == 0:
                        break
                body_end = p
            else:
                body_end = body_start + int(fields.get(b"content-length", b"0"))
            req = requests[n] if n < len(requests) else "?"
            enc = fields.get(b"content-encoding", b"").decode()
            rows.append((f"{req.rsplit(' ', 1)[0]} {status}{' ' + enc if enc else ''}",
                         len(head), min(body_end, len(down)) - body_start))
            pos, n = body_end, n + 1
    total = sum(h + b for _, h, b in rows)
    if total != counted:
        rows.append((f"(unparsed: counted {counted})", 0, counted - total))
    return rows


def print_by_url(rows) -> None:
    print(f"\n  {'request':<60} {'headers':>8} {'body':>8} {'total':>8}")
    for req, head, body in sorted(rows, key=lambda r: -(r[1] + r[2])):
        print(f"  {req[:60]:<60} {head:>8} {body:>8} {head + body:>8}")
    h, b = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"  {'all ' + str(len(rows)) + ' responses':<60} {h:>8} {b:>8} {h + b:>8}  ({(h + b) / 1024:.1f} KB)")


def serve(app):
    from werkzeug.serving import WSGIRequestHandler, make_server

    class KeepAlive(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_request(self, *args, **kwargs):
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=KeepAlive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def add_site(app) -> str:
    """A site of the bench's office, as staff would make it: its code (its page is /s/{code})."""
    from server.extensions import db
    from server.offices.scope import default_office_id
    from server.sites.models import Site
    with app.app_context():
        site = Site(code="ACD34EFG", office_id=default_office_id(), name="锦江区幸福里二期住宅项目",
                    address="成都市锦江区幸福路 18 号", division="510104", owner="成都幸福里置业有限公司",
                    contractor="四川某某建设集团有限公司", subcontractor="成都某某劳务有限公司", wage_officer="王建国",
                    wage_officer_phone="13800001234", pay_day="每月15日", inspection="锦江区劳动保障监察大队",
                    inspection_phone="028-86661234")
        db.session.add(site)
        db.session.commit()
        return site.code


def make_app(dist: Path):
    from flask import Response
    from flask_migrate import upgrade

    from server import create_app
    from server.cards.loader import load_content

    db = Path(tempfile.mkdtemp(prefix="gyfy-bench-")) / "bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db}", "PWA_DIST": str(dist),
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
        load_content(app)
    app.add_url_rule("/__floor", "floor", lambda: Response(YARDSTICK, mimetype="text/html"))
    return app


def visit(browser, link, url: str, until_offline: bool, cdp=None, timeout_s: float = 120,
          second: str = "topics") -> dict:
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True,
                              has_touch=True, service_workers="allow")
    ctx.add_init_script(PROBE)
    page = ctx.new_page()
    if cdp:
        kbit, rtt = cdp
        session = ctx.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": rtt, "downloadThroughput": kbit * 1000 / 8,
            "uploadThroughput": kbit * 1000 / 8})
    link.reset()
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    end = time.monotonic() + timeout_s
    want = ("fcp", "hotline", second, "offline") if until_offline else ("fcp",)
    marks = {}
    while time.monotonic() < end:
        marks = page.evaluate("""() => Object.assign({}, window.__marks || {},
            {fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime})""")
        if all(marks.get(k) is not None for k in want):
            break
        page.wait_for_timeout(100)
    marks["bytes"] = link.down_bytes
    marks["streams"] = [(bytes(u), bytes(d)) for u, d in link.streams]
    ctx.close()
    return marks


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", action="append", help="a built pwa/dist (repeat to compare builds)")
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--cdp", action="store_true", help="shape with CDP on the page instead of the proxy")
    p.add_argument("--by-url", action="store_true", help="also split the last visit's bytes per request")
    p.add_argument("--site", action="store_true", help="open a site's page (/s/{code}, its board's QR) instead of /")
    args = p.parse_args()
    dists = [Path(d).resolve() for d in (args.dist or [ROOT / "pwa" / "dist"])]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for dist in dists:
            app = make_app(dist)
            path, second = (f"/s/{add_site(app)}", "facts") if args.site else ("/", "topics")
            server = serve(app)
            print(f"\n{dist} {path}" + ("  (CDP throttling on the page only)" if args.cdp else ""))
            print(f"  {'link':>16} {'floor paint':>12} {'first paint':>12} {'hotline':>9} {second:>9}"
                  f" {'offline ready':>14} {'bytes':>9}")
            for kbit, rtt in LINKS:
                # With --cdp the proxy only counts bytes (no limit, no delay).
                link = Link(server.server_port, 10**7, 0) if args.cdp else Link(server.server_port, kbit, rtt)
                cdp = (kbit, rtt) if args.cdp else None
                base = f"http://127.0.0.1:{link.port}"
                rows = []
                for _ in range(args.runs):
                    floor = visit(browser, link, base + "/__floor", until_offline=False, cdp=cdp)["fcp"]
                    rows.append({"floor": floor, **visit(browser, link, base + path, until_offline=True, cdp=cdp,
                                                         second=second)})
                med = {k: statistics.median(r[k] for r in rows if r.get(k) is not None)
                       if any(r.get(k) is not None for r in rows) else None
                       for k in ("floor", "fcp", "hotline", second, "offline", "bytes")}
                s = lambda v: "   n/a" if v is None else f"{v / 1000:6.2f} s"  # noqa: E731
                print(f"  {f'{kbit} kbit/s {rtt} ms':>16} {s(med['floor']):>12} {s(med['fcp']):>12}"
                      f" {s(med['hotline']):>9} {s(med[second]):>9} {s(med['offline']):>14}"
                      f" {med['bytes'] / 1024:6.1f} KB")
                link.loop.call_soon_threadsafe(link.loop.stop)
                last = rows[-1]
            if args.by_url:
                print_by_url(by_url(last["streams"], last["bytes"]))
            server.shutdown()
        browser.close()
    print(f"\nmedian of {args.runs} fresh visits; 'offline ready' is when the page says 已可离线使用")


if __name__ == "__main__":
    main()
