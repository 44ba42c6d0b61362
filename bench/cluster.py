"""A private deployment for one bench run: its own engines, two app servers and nginx, all torn down at the end.

    with Cluster(tmp) as c: ...      # or: .venv/bin/python bench/cluster.py  (starts it, prints it, waits for Ctrl-C)

Nothing here touches the machine's shared PostgreSQL (:5432) or Redis (:6379): the faults a bench makes
(kill -9, a restarted database, Redis stopped, the object store refusing writes) land on engines of this run:
- PostgreSQL: `initdb` from /usr/lib/postgresql/15/bin into the run's folder, trust auth, its own port
  (run as the `postgres` account when this runs as root, which initdb refuses);
- redis-server on its own port, with an append-only file so a stop and a start keep the queue;
- moto's S3 server with a bucket, reached through a small TCP relay (`relay`, its own process) that the fault
  script closes (connections refused) and opens again: stopping moto itself would lose every object;
- the migrations and `flask content load`, then two gunicorn instances (gunicorn.conf.py, production settings
  with this run's keys) and Debian's nginx in front of both, with deploy/nginx.conf's proxy headers (PROXY_HOPS=1);
- `flask jobs worker` processes for the texts the app queues (SMS_SENDER counts them: `CountingSender`).
"""
import base64
import contextlib
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BUCKET = "gongyou-bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen | None = None, seconds: float = 60, what: str = "") -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what or proc.args[0]} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer on port {port} within {seconds:.0f} s")


def healthy(port: int, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


class CountingSender:
    """SMS_SENDER for benches: each text is a line in BENCH_SMS_LOG (a digest of phone and text), so a run can
    count the texts that went out and find any sent twice. Nothing personal is written."""

    def __init__(self, config=None):
        self.path = os.environ["BENCH_SMS_LOG"]

    def _write(self, line: str) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)

    def send_code(self, phone: str, code: str, ttl_minutes: int) -> None:
        self._write("code")

    def send_text(self, phone: str, text: str) -> None:
        import hashlib
        self._write(hashlib.sha256(f"{phone}|{text}".encode()).hexdigest()[:24])


def relay(listen: int, target: int) -> None:
    """A TCP relay 127.0.0.1:listen → 127.0.0.1:target. SIGUSR1 closes it (new connections refused, open ones cut),
    SIGUSR2 opens it again: the object store "refusing writes" without losing what it holds."""
    state = {"open": True, "changed": False}

    def flip(to_open):
        def handler(*_):
            state["open"], state["changed"] = to_open, True
        return handler

    signal.signal(signal.SIGUSR1, flip(False))
    signal.signal(signal.SIGUSR2, flip(True))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    def listener():
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", listen))
        s.listen(256)
        return s

    server, pairs = listener(), {}
    while True:
        if state["changed"]:
            state["changed"] = False
            if not state["open"] and server is not None:
                server.close()
                server = None
                for sock in list(pairs):
                    sock.close()
                pairs.clear()
            elif state["open"] and server is None:
                server = listener()
        watched = list(pairs) + ([server] if server is not None else [])
        try:
            ready, _, _ = select.select(watched, [], [], 0.2)
        except (InterruptedError, ValueError, OSError):
            continue
        for sock in ready:
            if sock is server:
                client, _ = server.accept()
                try:
                    upstream = socket.create_connection(("127.0.0.1", target), timeout=5)
                except OSError:
                    client.close()
                    continue
                pairs[client], pairs[upstream] = upstream, client
                continue
            if sock not in pairs:
                continue
            try:
                data = sock.recv(65536)
            except OSError:
                data = b""
            other = pairs[sock]
            if data:
                try:
                    other.sendall(data)
                    continue
                except OSError:
                    pass
            for s in (sock, other):
                pairs.pop(s, None)
                s.close()


class Cluster:
    """The whole private deployment; `with Cluster() as c:` c.env is the app's environment, c.a / c.b / c.lb the ports
    of instance A, instance B and nginx. Each engine has start/stop methods for the fault script."""

    def __init__(self, tmp: str | None = None, workers: int = 2, threads: int = 8, job_workers: int = 1,
                 quiet: bool = True):
        self.tmp = Path(tmp or tempfile.mkdtemp(prefix="gongyou-cluster-"))
        self.logs = Path(tempfile.gettempdir()) / f"{self.tmp.name}-logs"
        self.workers, self.threads, self.job_workers, self.quiet = workers, threads, job_workers, quiet
        self.procs: dict[str, subprocess.Popen] = {}
        self.pg_port, self.redis_port, self.moto_port, self.s3_port = (free_port() for _ in range(4))
        self.a, self.b, self.lb = free_port(), free_port(), free_port()
        self.as_root = os.geteuid() == 0
        self.env = self._app_env()

    def _app_env(self) -> dict:
        keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "VIRTUAL_ENV")}
        return keep | {
            "APP_ENV": "production", "PYTHONPATH": str(ROOT),
            "SECRET_KEY": secrets.token_urlsafe(32), "JWT_SECRET_KEY": secrets.token_urlsafe(32),
            "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{self.pg_port}/gongyou",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "S3_REGION": "us-east-1", "S3_ACCESS_KEY_ID": "bench", "S3_SECRET_ACCESS_KEY": "bench",
            "PUBLIC_URL": f"http://127.0.0.1:{self.lb}", "PROXY_HOPS": "1",
            "SMS_SENDER": "bench.cluster:CountingSender", "BENCH_SMS_LOG": str(self.tmp / "sms.log"),
            "INSTANCE_DIR": str(self.tmp / "instance"), "PACK_DIR": str(self.tmp / "pack"),
            "WEB_CONCURRENCY": str(self.workers), "WEB_THREADS": str(self.threads), "ACCESS_LOG": "/dev/null",
            "JOBS_RETRY_INTERVALS": "2,5,10",
        }

    # --- lifecycle ---------------------------------------------------------------------------------------------

    def __enter__(self) -> "Cluster":
        self._old_int = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        try:
            self.start_postgres(init=True)
            self.start_redis()
            self.start_s3()
            self.flask("db", "upgrade")
            self.flask("content", "load")
            self.start_app("a", self.a)
            self.start_app("b", self.b)
            self.start_nginx()
            for n in range(self.job_workers):
                self.start_jobs(n)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop everything; the servers' logs are kept (in LOGS, printed) and the rest of the folder removed."""
        for name in reversed(list(self.procs)):
            self._stop(name)
        self.logs.mkdir(parents=True, exist_ok=True)
        for path in [*self.tmp.glob("*.log"), self.tmp / "nginx" / "error.log"]:
            if path.exists():
                shutil.copy(path, self.logs / (path.name if path.parent == self.tmp else "nginx.error.log"))
        shutil.rmtree(self.tmp, ignore_errors=True)
        print(f"logs of this run: {self.logs}", file=sys.stderr)

    def _spawn(self, name: str, args: list, env: dict | None = None, user: str | None = None, **kw):
        log = open(self.tmp / f"{name}.log", "ab")
        if user:
            kw |= {"user": user, "group": user, "extra_groups": []}
        proc = subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env or self.env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True, **kw)
        self.procs[name] = proc
        return proc

    def _stop(self, name: str, sig: int = signal.SIGTERM, wait: float = 30) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def flask(self, *args: str) -> None:
        subprocess.run([str(BIN / "flask"), "--app", "server", *args], cwd=ROOT, env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    # --- PostgreSQL --------------------------------------------------------------------------------------------

    def start_postgres(self, init: bool = False) -> None:
        data, user = self.tmp / "pg", ("postgres" if self.as_root else None)
        if init:
            data.mkdir()
            if self.as_root:
                shutil.chown(self.tmp, "postgres")
                shutil.chown(data, "postgres")
            subprocess.run([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                            "--locale", "C.UTF-8"], check=True, capture_output=True,
                           **({"user": "postgres", "group": "postgres", "extra_groups": []} if user else {}))
        proc = self._spawn("postgres", [PG_BIN / "postgres", "-D", data, "-p", self.pg_port, "-k", data,
                                        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on",
                                        "-c", "max_connections=300", "-c", "shared_buffers=256MB"],
                           env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}, user=user)
        for _ in range(300):
            ok = subprocess.run([str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.pg_port)],
                                capture_output=True).returncode == 0
            if ok:
                break
            if proc.poll() is not None:
                raise RuntimeError(f"postgres exited: {self.log('postgres')[-2000:]}")
            time.sleep(0.1)
        if init:
            subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
                            "gongyou"], check=True)

    def stop_postgres(self, fast: bool = True) -> None:
        self._stop("postgres", signal.SIGINT if fast else signal.SIGTERM, wait=60)

    def restart_postgres(self) -> None:
        self.stop_postgres()
        self.start_postgres()

    # --- Redis -------------------------------------------------------------------------------------------------

    def start_redis(self) -> None:
        (self.tmp / "redis").mkdir(exist_ok=True)
        proc = self._spawn("redis", ["redis-server", "--port", self.redis_port, "--bind", "127.0.0.1",
                                     "--dir", self.tmp / "redis", "--save", "", "--appendonly", "yes",
                                     "--appendfsync", "everysec", "--protected-mode", "no"])
        wait_port(self.redis_port, proc, what="redis-server")

    def stop_redis(self) -> None:
        self._stop("redis")

    # --- S3 (moto) behind the relay ----------------------------------------------------------------------------

    def start_s3(self) -> None:
        proc = self._spawn("moto", [BIN / "moto_server", "-H", "127.0.0.1", "-p", self.moto_port])
        wait_port(self.moto_port, proc, what="moto_server")
        relay_proc = self._spawn("relay", [sys.executable, __file__, "relay", self.s3_port, self.moto_port])
        wait_port(self.s3_port, relay_proc, what="the S3 relay")
        self.s3().create_bucket(Bucket=BUCKET)

    def s3(self):
        import boto3
        return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.moto_port}", region_name="us-east-1",
                            aws_access_key_id="bench", aws_secret_access_key="bench")

    def bucket_keys(self) -> set[str]:
        keys = set()
        for page in self.s3().get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            keys |= {obj["Key"] for obj in page.get("Contents", [])}
        return keys

    def block_s3(self) -> None:
        self.procs["relay"].send_signal(signal.SIGUSR1)

    def unblock_s3(self) -> None:
        self.procs["relay"].send_signal(signal.SIGUSR2)

    # --- the app -----------------------------------------------------------------------------------------------

    def start_app(self, name: str, port: int) -> None:
        env = self.env | {"PROMETHEUS_MULTIPROC_DIR": str(self.tmp / f"metrics-{name}")}
        Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(exist_ok=True)
        proc = self._spawn(name, [BIN / "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                                  "server:create_app()"], env=env)
        wait_port(port, proc, what=f"gunicorn {name}")
        for _ in range(300):
            if healthy(port):
                return
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn {name} never healthy: {self.log(name)[-2000:]}")

    def app_workers(self, name: str) -> list[int]:
        master = self.procs[name].pid
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]

    def start_jobs(self, n: int) -> None:
        self._spawn(f"jobs{n}", [BIN / "flask", "--app", "server", "jobs", "worker"])

    def start_nginx(self) -> None:
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = site.replace("server 127.0.0.1:8000;  # gunicorn (PORT)",
                            f"server 127.0.0.1:{self.a} max_fails=0;\n    server 127.0.0.1:{self.b} max_fails=0;")
        site = site.replace("keepalive 16;", "keepalive 64;")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.lb} backlog=4096;")
        site = site.replace("/var/log/nginx/gongyou.access.log", str(self.tmp / "nginx.access.log"))
        ngx = self.tmp / "nginx"
        for d in ("", "body", "proxy"):
            (ngx / d).mkdir(exist_ok=True)
        (ngx / "site.conf").write_text(site)
        (ngx / "nginx.conf").write_text(f"""
worker_processes 1;
pid {ngx}/nginx.pid;
error_log {ngx}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {ngx}/body;
    proxy_temp_path {ngx}/proxy;
    include {ngx}/site.conf;
}}
""")
        user = "user root;" if self.as_root else ""
        proc = self._spawn("nginx", [NGINX, "-c", ngx / "nginx.conf", "-g", f"daemon off; {user}"])
        wait_port(self.lb, proc, what="nginx")

    def describe(self) -> str:
        return (f"PostgreSQL :{self.pg_port} (initdb in {self.tmp}), Redis :{self.redis_port}, moto S3 "
                f":{self.moto_port} via relay :{self.s3_port}, gunicorn A :{self.a} and B :{self.b} "
                f"({self.workers} workers × {self.threads} threads each), nginx :{self.lb}, "
                f"{self.job_workers} job worker(s)")


@contextlib.contextmanager
def interrupted_cleanly():
    """Ctrl-C ends the run with the cluster torn down (Cluster.__exit__) and exit code 130."""
    try:
        yield
    except KeyboardInterrupt:
        print("\ninterrupted: everything this run started is stopped", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    if sys.argv[1:2] == ["relay"]:
        relay(int(sys.argv[2]), int(sys.argv[3]))
    else:
        with interrupted_cleanly(), Cluster(quiet=False) as cluster:
            print(cluster.describe(), flush=True)
            print("Ctrl-C stops it all", flush=True)
            while True:
                time.sleep(3600)
