"""Card API benchmark against yardsticks started in the same run: prints req/s and the ratios.

    .venv/bin/python bench/cards_bench.py [--workers 2] [--connections 16] [--seconds 5] [--rounds 3]
        [--database-url URL]

Starts, each on its own port:
  - the app under gunicorn (gunicorn.conf.py) on a fresh database with content/ loaded;
  - a bare Flask app on the same gunicorn settings, returning the very bytes the app answered
    (the ceiling Flask itself allows);
  - nginx twice over the pack files `content load` wrote: with the deploy configuration from
    README.md (/api/v1/content/pack, gzip_static) and as a plain static file (the yardstick).
Then loads each with wrk (keep-alive connections) and prints requests per second and ratios for
`GET /api/v1/cards?q=工资` and the content pack (gzip, as phones ask). Needs nginx and wrk:
`make bench-system`. Without wrk, a slower Python client is used (ratios then say less).
"""
import argparse
import http.client
import os
import re
import shutil
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
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SEARCH = "/api/v1/cards?q=" + urllib.parse.quote("工资")
PACK = "/api/v1/content/pack"
GZIP = {"Accept-Encoding": "gzip"}

NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    types {{ application/json json; }}
    # The deploy configuration, as README.md gives it.
    map $arg_locale $pack_locale {{ ~*^zh-(tw|hk|mo|hant) zh-TW; default zh-CN; }}
    map $http_accept_encoding $pack_gz {{ ~*gzip .gz; default ""; }}
    map $http_accept_encoding $pack_encoding {{ ~*gzip gzip; default ""; }}
    server {{
        listen 127.0.0.1:{deploy_port};
        location = /api/v1/content/pack {{
            alias {pack_dir}/pack-$pack_locale.json$pack_gz;
            types {{ }}
            default_type application/json;
            add_header Content-Encoding $pack_encoding;
            add_header Cache-Control no-cache;
            add_header Vary "Accept-Encoding, Accept-Language";
        }}
    }}
    # The yardstick: the same gzip file, served as it is.
    server {{
        listen 127.0.0.1:{plain_port};
        root {pack_dir};
    }}
}}
"""

BARE_APP = '''
import os
from flask import Flask, Response

app = Flask(__name__)
BODY = open(os.environ["BARE_BODY"], "rb").read()
HEADERS = {"Content-Encoding": os.environ["BARE_ENCODING"]} if os.environ.get("BARE_ENCODING") else {}


@app.get("/<path:_path>")
def answer(_path):
    return Response(BODY, 200, HEADERS, mimetype="application/json")
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, headers=None) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    return resp.status, resp.read(), dict(resp.getheaders())


def wait_ready(port: int, path="/", timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            fetch(port, path)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


def gunicorn(app: str, port: int, env: dict, workers: int) -> subprocess.Popen:
    return subprocess.Popen([str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
                             "--workers", str(workers), "--bind", f"127.0.0.1:{port}", app],
                            env=env, cwd=env.get("BENCH_CWD", ROOT),
                            stderr=subprocess.DEVNULL)


def wrk(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds:.0f}s", "--latency"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors:([^\n]*)", out)
    errors = ((int(non2xx.group(1)) if non2xx else 0)
              + (sum(map(int, re.findall(r"\d+", sockets.group(1)))) if sockets else 0))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p50_ms = float(p50.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p50.group(2)] if p50 else float("nan")
    return {"rps": rps, "p50_ms": p50_ms, "errors": errors,
            "error_lines": [line.strip() for line in out.splitlines() if "errors" in line or "Non-2xx" in line]}


def python_client(port, path, headers, connections, seconds) -> dict:
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
                errors[0] += resp.status != 200
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"rps": len(latencies) / (time.time() - t0), "p50_ms": statistics.median(latencies) * 1000,
            "errors": errors[0]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers for the app and the bare app")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=5, help="per server and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = ap.parse_args()
    load = wrk if shutil.which("wrk") else python_client

    tmp = Path(tempfile.mkdtemp(prefix="cards-bench-"))
    tmp.chmod(0o755)
    pack_dir = tmp / "pack"
    env = dict(os.environ, DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.sqlite", ACCESS_LOG="/dev/null",
               APP_ENV="development",
               PACK_DIR=str(pack_dir), CONTENT_DIR=str(ROOT / "content"),
               WEB_THREADS=os.environ.get("WEB_THREADS", "4"))
    flask = [str(VENV_BIN / "flask"), "--app", "server"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    loaded = subprocess.run(flask + ["content", "load"], env=env, cwd=ROOT, check=True, capture_output=True, text=True)

    procs = []
    try:
        app_port = free_port()
        procs.append(gunicorn("server:create_app()", app_port, env, args.workers))
        wait_ready(app_port, "/readyz")
        status, search_body, _ = fetch(app_port, SEARCH)
        status2, pack_gz, pack_headers = fetch(app_port, PACK, GZIP)
        assert status == status2 == 200 and pack_headers.get("Content-Encoding") == "gzip"

        bare = {}
        (tmp / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
        for name, body, encoding in (("search", search_body, ""), ("pack", pack_gz, "gzip")):
            (tmp / f"{name}.body").write_bytes(body)
            bare[name] = free_port()
            procs.append(gunicorn("bare_app:app", bare[name], dict(env, BARE_BODY=str(tmp / f"{name}.body"),
                                                                     BARE_ENCODING=encoding, BENCH_CWD=str(tmp)),
                                  args.workers))
            wait_ready(bare[name])
            assert fetch(bare[name], SEARCH)[1] == body

        deploy_port, plain_port = free_port(), free_port()
        (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, pack_dir=pack_dir, deploy_port=deploy_port,
                                                          plain_port=plain_port), encoding="utf-8")
        procs.append(subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp), "-g", "daemon off;"],
                                      stderr=subprocess.DEVNULL))
        wait_ready(plain_port)
        assert fetch(deploy_port, PACK, GZIP)[1] == pack_gz == fetch(plain_port, "/pack-zh-CN.json.gz")[1]

        print(f"database: {env['DATABASE_URL'].split(':')[0]}; gunicorn: {args.workers} workers × "
              f"{env['WEB_THREADS']} threads (gthread); load: {load.__name__}, {args.connections} connections, "
              f"{args.seconds:.0f} s each, {args.rounds} rounds; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(loaded.stdout.strip())
        print(f"search answer {len(search_body)} B; pack {len(pack_gz) / 1024:.1f} KiB gzipped")
        runs = [("search 工资   app", app_port, SEARCH, {}), ("search 工资   bare Flask", bare["search"], SEARCH, {}),
                ("pack (gzip)  app", app_port, PACK, GZIP), ("pack (gzip)  bare Flask", bare["pack"], PACK, GZIP),
                ("pack (gzip)  nginx, deploy config", deploy_port, PACK, GZIP),
                ("pack (gzip)  nginx, plain file", plain_port, "/pack-zh-CN.json.gz", {})]
        # Rounds, each measuring every server in turn: the machine's load moves between runs, so
        # each ratio is taken within a round and the median of the rounds is printed.
        rounds = {name: [] for name, *_ in runs}
        # Warm every worker first: a process builds its search index (~0.4 s) on its first search.
        for _name, port, path, headers in runs:
            load(port, path, headers, args.connections, 1)
        for _ in range(args.rounds):
            for name, port, path, headers in runs:
                r = load(port, path, headers, args.connections, args.seconds)
                rounds[name].append(r["rps"])
                if r["errors"]:
                    print(f"  {name}: {r['errors']} errors", *r.get("error_lines", []))
        for name, *_ in runs:
            print(f"{name:36s} {statistics.median(rounds[name]):9.0f} req/s (median of {args.rounds}: "
                  + ", ".join(f"{x:.0f}" for x in rounds[name]) + ")")
        for label, mine, yardstick, goal in (
                ("search, app / bare Flask", "search 工资   app", "search 工资   bare Flask", 0.7),
                ("pack,   app / bare Flask", "pack (gzip)  app", "pack (gzip)  bare Flask", 0.7),
                ("pack,   nginx deploy / nginx plain", "pack (gzip)  nginx, deploy config",
                 "pack (gzip)  nginx, plain file", 0.9)):
            ratios = [m / y for m, y in zip(rounds[mine], rounds[yardstick], strict=False)]
            print(f"ratio {label:36s} {statistics.median(ratios):.2f}   (goal >= {goal}; rounds: "
                  + ", ".join(f"{r:.2f}" for r in ratios) + ")")
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
