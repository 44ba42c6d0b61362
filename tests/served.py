"""Real servers for tests and benches: gunicorn as the Procfile runs it, nginx with deploy/nginx.conf."""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# What the environment may carry that would change how the served app starts.
APP_SETTINGS = ("APP_ENV", "SECRET_KEY", "JWT_SECRET_KEY", "DATA_KEY", "PUBLIC_URL", "REDIS_URL", "SMS_SENDER",
                "SMS_LOG_IN_PRODUCTION", "WEB_CONCURRENCY", "WEB_THREADS", "DATABASE_URL", "BIND", "PORT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port: int, timeout: float = 1) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as resp:
        return resp.status


class Gunicorn:
    """`with Gunicorn(env, tmp) as g:` g.code is None while it serves (else its exit code), g.err its stderr."""

    def __init__(self, env: dict, tmp: Path, wait: float = 60, migrate: bool = False):
        self.port, self.tmp, self.wait = free_port(), Path(tmp), wait
        base = {k: v for k, v in os.environ.items() if k not in APP_SETTINGS}
        self.env = {**base, "ACCESS_LOG": "/dev/null", "WEB_CONCURRENCY": "1",
                    "DATABASE_URL": f"sqlite:///{self.tmp}/served.sqlite", "INSTANCE_DIR": str(self.tmp / "inst"),
                    **env}
        self.code, self.proc, self.migrate = None, None, migrate

    @property
    def err(self) -> str:
        return (self.tmp / "gunicorn.err").read_text()

    def __enter__(self) -> "Gunicorn":
        if self.migrate:
            subprocess.run([str(GUNICORN.parent / "flask"), "--app", "server", "db", "upgrade"], cwd=ROOT,
                           env=self.env, check=True, capture_output=True)
        with open(self.tmp / "gunicorn.err", "w") as err:
            self.proc = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
                                          "server:create_app()"], cwd=ROOT, env=self.env,
                                         stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.time() + self.wait
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.code = self.proc.returncode
                return self
            try:
                if healthz(self.port) == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise AssertionError("gunicorn neither served nor exited")

    def __exit__(self, *_exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@contextlib.contextmanager
def nginx(upstream_port: int, tmp: Path):
    """deploy/nginx.conf in front of 127.0.0.1:upstream_port; yields nginx's port and its access log's path."""
    tmp = Path(tmp)
    port = free_port()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/var/log/nginx/gongyou.access.log", str(tmp / "access.log"))
    (tmp / "site.conf").write_text(site)
    for d in ("body", "proxy"):
        (tmp / d).mkdir(exist_ok=True)
    (tmp / "nginx.conf").write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    include {tmp}/site.conf;
}}
""")
    with open(tmp / "nginx.err", "w") as err:
        proc = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-g", "daemon off; user root;"],
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise AssertionError(f"nginx did not start: {(tmp / 'nginx.err').read_text()}") from None
                time.sleep(0.1)
        yield port, tmp / "access.log"
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class SlowClients:
    """n connections that send a request's headers one short line at a time, never finishing."""

    def __init__(self, port: int, n: int = 30, every: float = 1.0):
        self.port, self.n, self.every = port, n, every
        self.socks, self._stop = [], False

    def __enter__(self) -> "SlowClients":
        import threading
        for _ in range(self.n):
            s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: slow.example\r\n")
            self.socks.append(s)
        self._thread = threading.Thread(target=self._trickle, daemon=True)
        self._thread.start()
        time.sleep(0.5)  # let the server take them all in
        return self

    def _trickle(self) -> None:
        i = 0
        while not self._stop:
            time.sleep(self.every)
            i += 1
            for s in list(self.socks):
                try:
                    s.sendall(f"X-Slow-{i}: 1\r\n".encode())
                except OSError:
                    self.socks.remove(s)  # the server gave up on it: that is what a proxy should do

    def __exit__(self, *_exc) -> None:
        self._stop = True
        for s in self.socks:
            s.close()
