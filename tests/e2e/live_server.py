"""The real app on a real port, in a thread, that can be stopped and started again.

Stopping it closes the listening socket, and every response closes its connection
(HTTP/1.0), so a stopped server answers nothing: the browser is genuinely offline.
Started again on the same port, the page's origin (and so its service worker and
IndexedDB) is the same.

Also runnable for Lighthouse and by hand:
    python -m tests.e2e.live_server --port 8765 [--content content/]
"""
import argparse
import logging
import os
import socket
import threading
import time
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "pwa" / "dist"


class _Http10Handler(WSGIRequestHandler):
    # Set in the class body so werkzeug keeps it: no keep-alive connection outlives stop().
    protocol_version = "HTTP/1.0"

    def log_request(self, *args, **kwargs):  # quiet: pytest shows failures, not every GET
        pass

    def run_wsgi(self) -> None:
        """Werkzeug's, then the answer's close() if werkzeug skipped it: when the browser drops the connection
        (a test going offline), werkzeug's cleanup reads the dead socket and fails before it closes the answer,
        so a file being sent (the content pack) stays open and its ResourceWarning fails a later test.
        gunicorn, which serves production, closes it."""
        try:
            super().run_wsgi()
        finally:
            answer = getattr(self, "environ", {}).get(_ANSWER)
            if answer is not None:
                answer.close()


_ANSWER = "tests.live_server.answer"


class _Closed:
    """The app's answer, closed once whoever gets there first (werkzeug, or the handler above)."""

    def __init__(self, answer):
        self.answer, self.closed = answer, False

    def __iter__(self):
        return iter(self.answer)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if hasattr(self.answer, "close"):
                self.answer.close()


def _closing(app):
    def wsgi(environ, start_response):
        answer = environ[_ANSWER] = _Closed(app(environ, start_response))
        return answer
    return wsgi


class LiveServer:
    def __init__(self, app, port: int = 0):
        self.app = app
        self.port = port or free_port()
        self._server = None
        self._thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "LiveServer":
        for attempt in range(50):  # the port may linger a moment after stop()
            try:
                self._server = make_server("127.0.0.1", self.port, _closing(self.app), threaded=True,
                                           request_handler=_Http10Handler)
                break
            except OSError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._server = self._thread = None

    def is_reachable(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    import tempfile

    from flask_migrate import upgrade

    from server import create_app
    from server.cards.loader import load_content

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--content", default=os.environ.get("CONTENT_DIR", str(ROOT / "content")))
    p.add_argument("--dist", default=str(DIST))
    args = p.parse_args()
    db = Path(tempfile.mkdtemp(prefix="gyfy-live-")) / "live.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db}", "CONTENT_DIR": args.content,
                      "PWA_DIST": args.dist, "JOBS_URL": ""})  # texts inline: no queue worker here
    with app.app_context():
        upgrade()
        load_content(app)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = LiveServer(app, args.port).start()
    print(f"serving {args.dist} at {server.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
