"""What a legal-aid application costs the server: one 12 MP phone photo, and a whole application.

    .venv/bin/python bench/aid_bench.py [--runs 25] [--only memory]

0. Memory and time per image, each in a fresh process (peak RSS above what the process held with the
   file read: VmHWM, reset then, less VmRSS): `process()` on a 7000×7000 PNG of ~200 kB (a flat, drawn
   image: the cheap-to-send, costly-to-decode kind), a 4000×4000 one (the most pixels a PNG may have)
   and a 12 MP JPEG, against the yardstick of Pillow decoding the same file in full. Then four of each
   sent at once to the served app (1 worker, 4 threads): the answers, the wall time and the worker's
   peak RSS (VmHWM).
1. In process: `media.images.process()` on a 12-megapixel JPEG carrying GPS EXIF (median of
   --runs; the goal is <= 80 ms), bytes in and out; beside it, the yardstick of only decoding the
   same JPEG in full with Pillow (what any image check costs before it shrinks anything).
2. Over HTTP, both served by gunicorn (1 worker, 1 thread) started here: the app on a fresh SQLite
   database, and a bare Flask app whose upload endpoint only reads the bytes (the yardstick).
   Times: one 12 MP upload; a 9-field application with two photos (two uploads, then the
   application that names them), median of --runs, each against the yardstick doing the same
   three requests with the same bytes.
"""
import argparse
import http.client
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
YARDSTICK = '''
from flask import Flask, request
app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024

@app.post("/api/v1/uploads")
def upload():
    return {"bytes": len(request.files["file"].read())}, 201

@app.post("/api/v1/applications")
def apply():
    return {"fields": len(request.get_json())}, 201
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def photo(width=4000, height=3000) -> bytes:
    from tests.photos import jpeg
    return jpeg(width, height, orientation=6, gps=True)


def in_process(data: bytes, runs: int) -> None:
    from PIL import Image

    from server.media import images

    times, full_decode = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = images.process(data)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
        full_decode.append(time.perf_counter() - t0)
    print(f"process a 12 MP JPEG: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; goal <= 80 ms) over {runs} runs")
    print(f"  bytes in {len(data):,}, out {len(out.image):,} ({out.width}x{out.height}) "
          f"+ thumbnail {len(out.thumbnail):,}")
    print("  yardstick, a full decode of the same file with Pillow: "
          f"median {statistics.median(full_decode) * 1000:.0f} ms")


def flat_png(side=7000) -> bytes:
    """A drawn image (ruled lines on transparency): a few hundred kB that decode to side² RGBA pixels."""
    from PIL import Image, ImageDraw
    img = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    for y in range(0, side, 40):
        draw.line([(0, y), (side, y)], fill=(0, 0, 0, 255), width=2)
    for x in range(0, side, 350):
        draw.line([(x, 0), (x, side)], fill=(200, 30, 30, 255), width=3)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


CHILD = """
import io, json, sys, time
from pathlib import Path
from PIL import Image
from server.media import images


def kb(field):
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith(field + ":"))


data = open(sys.argv[1], "rb").read()
Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from here, imports left out
before = kb("VmRSS")
t0 = time.perf_counter()
if sys.argv[2] == "process":
    try:
        images.process(data)
        answer = "kept"
    except images.ImageRefused as exc:
        answer = "refused: " + exc.code
else:
    with Image.open(io.BytesIO(data)) as img:
        img.load()
    answer = "decoded"
elapsed = time.perf_counter() - t0
peak = kb("VmHWM")
print(json.dumps({"ms": elapsed * 1000, "extra_mb": (peak - before) / 1024, "peak_mb": peak / 1024, "answer": answer}))
"""


def measure(path: Path, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), what], cwd=ROOT, capture_output=True, text=True,
                         check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return json.loads(out.stdout)


def memory(files: dict[str, bytes], runs: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aid-bench-img-"))
    for name, data in files.items():
        path = tmp / name
        path.write_bytes(data)
        for what, label in (("process", "process()"), ("decode", "yardstick, full decode")):
            rows = [measure(path, what) for _ in range(runs)]
            ms = statistics.median(r["ms"] for r in rows)
            extra = max(r["extra_mb"] for r in rows)
            print(f"{name} ({len(data):,} bytes), {label}: median {ms:.0f} ms, peak RSS +{extra:.0f} MB "
                  f"(process peak {max(r['peak_mb'] for r in rows):.0f} MB) over {runs} runs; {rows[0]['answer']}")


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("no gunicorn worker")


def at_once(files: dict[str, bytes], n: int = 4) -> None:
    """The same upload `n` times at once to the app served with `n` threads: answers, time, worker peak RSS."""
    from concurrent.futures import ThreadPoolExecutor

    port, env, tmp = served_app_env()
    for name, data in files.items():
        proc = serve("server:create_app({'RATELIMIT_ENABLED': False})", port, env, ROOT, threads=n)
        try:
            worker = worker_pid(proc.pid)
            key = str(uuid.uuid4())
            bodies = [multipart({"id": str(uuid.uuid4()), "submission_id": key}, data) for _ in range(n)]

            def send(body):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("POST", "/api/v1/uploads", body=body[0], headers={"Content-Type": body[1]})
                resp = conn.getresponse()
                resp.read()
                conn.close()
                return resp.status, resp.getheader("Retry-After")

            t0 = time.perf_counter()
            with ThreadPoolExecutor(n) as pool:
                answers = list(pool.map(send, bodies))
            wall = time.perf_counter() - t0
            hwm = next(int(line.split()[1]) for line in Path(f"/proc/{worker}/status").read_text().splitlines()
                       if line.startswith("VmHWM"))
            print(f"{n} × {name} at once (1 worker, {n} threads): answers {sorted(answers, key=str)}, "
                  f"{wall * 1000:.0f} ms in all, worker peak RSS {hwm / 1024:.0f} MB")
        finally:
            proc.terminate()
            proc.wait(10)


def multipart(fields: dict, data: bytes) -> tuple[bytes, str]:
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart
    boundary, body = encode_multipart({**fields, "file": FileStorage(io.BytesIO(data), "photo.jpg",
                                                                     content_type="image/jpeg")})
    return body, f"multipart/form-data; boundary={boundary}"


def request(port: int, path: str, body: bytes, content_type: str, headers=None) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    conn.request("POST", path, body=body, headers={"Content-Type": content_type, **(headers or {})})
    resp = conn.getresponse()
    answer = resp.read()
    elapsed = time.perf_counter() - t0
    conn.close()
    if resp.status != 201:
        raise SystemExit(f"{path} answered {resp.status}: {answer[:300]!r}")
    return elapsed


def application(key: str, upload_ids: list[str]) -> bytes:
    from tests.photos import id_number
    return json.dumps({"case_type": "wages", "account": "老板欠了三个月工资。", "employer_name": "李老板",
                       "site": "幸福里工地", "city": "成都市", "started_on": "2026-03-01",
                       "amount_owed_fen": 2_400_000, "applicant_name": "张三", "phone": "13800138000",
                       "id_number": id_number(), "consent_privacy": True, "consent_sensitive": True,
                       "upload_ids": upload_ids}).encode()


def one_application(port: int, photos: list[bytes]) -> tuple[float, float]:
    """(upload time of the first photo, total time of two uploads and the application)."""
    key = str(uuid.uuid4())
    ids, times = [], []
    for data in photos:
        upload_id = str(uuid.uuid4())
        body, ctype = multipart({"id": upload_id, "submission_id": key, "label": "欠条"}, data)
        times.append(request(port, "/api/v1/uploads", body, ctype))
        ids.append(upload_id)
    times.append(request(port, "/api/v1/applications", application(key, ids), "application/json",
                         {"Idempotency-Key": key}))
    return times[0], sum(times)


def serve(spec: str, port: int, env: dict, cwd: Path, threads: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "1", "--threads", str(threads), "--bind",
                             f"127.0.0.1:{port}", "--access-logfile", "/dev/null", spec], cwd=cwd, env=env,
                            stderr=subprocess.DEVNULL)
    for _ in range(200):
        if proc.poll() is not None:
            raise SystemExit(f"{spec} exited with {proc.returncode} before it answered")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{spec} did not start")


def served_app_env() -> tuple[int, dict, Path]:
    """A free port, the environment for the app on a fresh migrated SQLite database, and its folder."""
    from flask_migrate import upgrade

    from server import create_app
    from server.extensions import db

    tmp = Path(tempfile.mkdtemp(prefix="aid-bench-"))
    url = f"sqlite:///{tmp}/bench.sqlite"
    with create_app({"SQLALCHEMY_DATABASE_URI": url}).app_context():
        upgrade()
        db.engine.dispose()
    # APP_ENV=development: the bench's throwaway keys (production refuses to start without real ones).
    env = dict(os.environ, APP_ENV="development", DATABASE_URL=url, STORAGE_DIR=str(tmp / "uploads"),
               PYTHONPATH=str(ROOT))
    return free_port(), env, tmp


def over_http(runs: int, big: bytes) -> None:
    app_port, env, tmp = served_app_env()
    (tmp / "yardstick.py").write_text(YARDSTICK)
    bare_port = free_port()
    servers = [serve("server:create_app({'RATELIMIT_ENABLED': False})", app_port, env, ROOT),
               serve("yardstick:app", bare_port, env, tmp)]
    try:
        pair = [photo(4000, 3000), photo(4032, 3024)]
        results = {"app": ([], []), "bare": ([], [])}
        for _ in range(runs):
            for name, port in (("app", app_port), ("bare", bare_port)):
                upload_time, total = one_application(port, pair)
                results[name][0].append(upload_time)
                results[name][1].append(total)
        med = {name: (statistics.median(u) * 1000, statistics.median(t) * 1000) for name, (u, t) in results.items()}
        print(f"HTTP, one 12 MP upload ({len(big):,} bytes): app {med['app'][0]:.0f} ms, "
              f"yardstick (only reads the bytes) {med['bare'][0]:.0f} ms, "
              f"difference {med['app'][0] - med['bare'][0]:.0f} ms")
        print(f"HTTP, a 9-field application with two 12 MP photos (3 requests): app {med['app'][1]:.0f} ms, "
              f"yardstick {med['bare'][1]:.0f} ms; medians of {runs}")
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(10)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--only", choices=["memory"], help="only part 0 (memory and time per image)")
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f} at start; photos are noise (worst case for JPEG decoding)")
    big = photo()
    # The probe's PNG, one at the limit for images decoded whole (16 MP), and a phone's photo.
    files = {"7000x7000.png": flat_png(), "4000x4000.png": flat_png(4000), "12MP.jpg": big}
    memory(files, max(3, args.runs // 5))
    at_once(files)
    if args.only == "memory":
        return
    in_process(big, args.runs)
    over_http(max(5, args.runs // 2), big)


if __name__ == "__main__":
    main()
