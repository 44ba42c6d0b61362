"""Slow clients against gunicorn alone and behind nginx (deploy/nginx.conf): is /healthz still answered?

    .venv/bin/python bench/slow_clients.py [--clients 30] [--workers 2] [--threads 2,8]

Starts gunicorn (gunicorn.conf.py, APP_ENV=development) and Debian's nginx on loopback, opens N
connections that trickle header lines once a second and never finish, then times GET /healthz
directly and through nginx. Prints one line per setup; "no answer" means nothing came in 10 s.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.served import Gunicorn, SlowClients, healthz, nginx  # noqa: E402


def timed(port: int) -> str:
    t0 = time.perf_counter()
    try:
        healthz(port, timeout=10)
    except OSError:
        return "no answer in 10 s"
    return f"{(time.perf_counter() - t0) * 1000:.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", default="2,8")
    args = ap.parse_args()
    print(f"{args.clients} slow clients (one header line a second, never finished); /healthz timed")
    for threads in args.threads.split(","):
        tmp = Path(tempfile.mkdtemp(prefix="slow-bench-"))
        env = {"APP_ENV": "development", "WEB_CONCURRENCY": str(args.workers), "WEB_THREADS": threads}
        with Gunicorn(env, tmp, wait=120) as app:
            assert app.code is None, app.err
            with nginx(app.port, tmp) as (proxy, _log):
                quiet_direct, quiet_proxy = timed(app.port), timed(proxy)
                with SlowClients(proxy, n=args.clients):
                    behind = timed(proxy)
                with SlowClients(app.port, n=args.clients):
                    alone = timed(app.port)
        print(f"gunicorn {args.workers} workers x {threads} threads: quiet {quiet_direct} (nginx {quiet_proxy}); "
              f"with slow clients: alone {alone}, behind nginx {behind}")


if __name__ == "__main__":
    main()
