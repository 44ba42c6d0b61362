"""Card API benchmark: starts gunicorn on a fresh database and prints throughput and latency.

    .venv/bin/python bench/cards_bench.py [--clients 16] [--seconds 10] [--database-url URL]

Prints requests per second and p50/p99 latency for `GET /api/v1/cards?q=工资` and for the
content pack (with gzip, as browsers ask), under concurrent keep-alive clients, and the
pack's size raw and gzipped.
"""
import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not become ready")


def hammer(port, path, headers, clients, seconds):
    latencies, errors, lock = [], [0], threading.Lock()
    stop = time.time() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.time() < stop:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50_ms": q[49] * 1000,
            "p99_ms": q[98] * 1000, "errors": errors[0]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 4)))
    ap.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    ap.add_argument("--content", default=str(ROOT / "content"), help="content folder to load")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="cards-bench-")
    env = dict(os.environ, DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.sqlite",
               APP_ENV="development", WEB_CONCURRENCY=str(args.workers), ACCESS_LOG="/dev/null", FLASK_APP="server",
               CONTENT_DIR=args.content)
    flask = [str(VENV_BIN / "flask"), "--app", "server"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    loaded = subprocess.run(flask + ["content", "load"], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    port = free_port()
    server = subprocess.Popen([str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                               "server:create_app()"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        db_kind = env["DATABASE_URL"].split(":")[0]
        print(f"database: {db_kind}; gunicorn workers: {args.workers} (gthread); clients: {args.clients}; "
              f"{args.seconds:.0f} s per endpoint; {os.cpu_count()} cores")
        print(loaded.stdout.strip())
        search = "/api/v1/cards?q=" + urllib.parse.quote("工资")
        for name, path, headers in [("search 工资", search, {}),
                                    ("content pack (gzip)", "/api/v1/content/pack", {"Accept-Encoding": "gzip"})]:
            r = hammer(port, path, headers, args.clients, args.seconds)
            print(f"{name:22s} {r['rps']:8.1f} req/s   p50 {r['p50_ms']:6.1f} ms   p99 {r['p99_ms']:6.1f} ms"
                  f"   ({r['requests']} requests, {r['errors']} errors)")
        sizes = {}
        for enc in ("identity", "gzip"):
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/api/v1/content/pack", headers={"Accept-Encoding": enc})
            sizes[enc] = len(conn.getresponse().read())
        print(f"content pack size: {sizes['identity'] / 1024:.1f} KiB raw, {sizes['gzip'] / 1024:.1f} KiB gzipped")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
