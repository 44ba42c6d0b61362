"""Public reads: answers that depend only on the URL, the locale and the content version.

The card list and the content pack are what workers' phones ask for most, and the same for
everyone. Two ways to spare them the work other requests need:

- `replay(app, path, key)`: an answer a view marked with `keep()` is kept as it left Flask
  (status, every header, the security headers included, and the body) and replayed for the same
  key without entering Flask at all; the key names the content version, so new content is never
  answered from the old. A file answer (`keep(file=...)`) names a file that never changes (the
  pack's names carry its digest): its bytes are read once and sent again from memory with the
  headers send_file gave it; If-None-Match gets its 304 there, and a Range request is handed to
  Werkzeug's send_file, so ranges work as in Flask.
  Requests from another origin (CORS) always take the normal way.
- `register(app, path, answer)`: a function answering a GET before the other before-request
  handlers (rate limits, argument parsing), or returning None to let the request go on.
"""
import os
import time

from flask import Flask, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.http import parse_etags
from werkzeug.utils import send_file
from werkzeug.wrappers import Response
from werkzeug.wsgi import FileWrapper

from . import metrics

# Headers send_file writes itself for each answer; the rest of a file answer's headers are kept.
_PER_FILE = {"content-length", "content-type", "etag", "last-modified", "accept-ranges", "content-range", "date"}
# A kept file larger than this is sent from disk each time rather than held in memory.
MAX_FILE_IN_MEMORY = 4 << 20

KEY = "public_reads"
MAX_KEPT = 4096


def register(app: Flask, path: str, answer) -> None:
    app.extensions[KEY]["answers"][path] = answer


def replay(app: Flask, path: str, key) -> None:
    """key(environ) -> a hashable naming the answer (None: don't replay this one)."""
    app.extensions[KEY]["keys"][path] = key


def keep(file=None, etag: str = "", mimetype: str = "") -> None:
    """Called by a view: keep this request's answer for replay, if its path is registered."""
    key = current_app.extensions[KEY]["keys"].get(request.path)
    if key is not None:
        g.public_read_key = key(request.environ)
        g.public_read_file = (file, etag, mimetype) if file is not None else None


def _answer():
    if request.method == "GET":
        answer = current_app.extensions[KEY]["answers"].get(request.path)
        if answer is not None:
            return answer()
    return None


def _kept(response):
    key = g.pop("public_read_key", None)
    file = g.pop("public_read_file", None)
    if key is not None and response.status_code == 200 and (file is not None or not response.is_streamed):
        kept = current_app.extensions[KEY]["kept"]
        if len(kept) >= MAX_KEPT:
            kept.clear()  # many distinct queries: start over rather than grow
        if file is not None:
            headers = [(k, v) for k, v in response.headers.to_wsgi_list() if k.lower() not in _PER_FILE]
            kept[(request.path, key)] = ("file", file, headers, _file_answer(file, response.headers))
        else:
            kept[(request.path, key)] = ("bytes", response.status, response.headers.to_wsgi_list(), response.get_data())
    return response


def _file_answer(file, sent_headers):
    """The file's bytes with the headers a whole 200 of it carries, or None to send it from disk each time."""
    path = file[0]
    try:
        if os.path.getsize(path) > MAX_FILE_IN_MEMORY:
            return None
        with open(path, "rb") as f:
            body = f.read()
    except OSError:
        return None
    own = [(k, v) for k, v in sent_headers.to_wsgi_list()
           if k.lower() in ("content-type", "etag", "last-modified", "accept-ranges")]
    return own + [("Content-Length", str(len(body)))], body


def _send_kept_file(environ, start_response, file, headers, in_memory):
    path, etag, mimetype = file
    if in_memory is not None and "HTTP_RANGE" not in environ and "HTTP_IF_MODIFIED_SINCE" not in environ \
            and "HTTP_IF_RANGE" not in environ:
        own, body = in_memory
        if parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains(etag):
            start_response("304 NOT MODIFIED", [(k, v) for k, v in own if k.lower() == "etag"] + headers)
            return [b""]
        start_response("200 OK", own + headers)
        return [body]
    if parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains(etag):
        # Answered before send_file opens the file: its 304 would leave it open.
        resp = Response(status=304)
        resp.set_etag(etag)
    else:
        resp = send_file(path, dict(environ, **{"wsgi.file_wrapper": _whole_file}), mimetype=mimetype, etag=etag,
                         conditional=True, max_age=None)
    for name in {name for name, _value in headers} | {"Content-Disposition", "Last-Modified"}:
        del resp.headers[name]  # each header once: the kept ones (Cache-Control ...) replace send_file's
    resp.headers.extend(headers)
    return resp(environ, start_response)


def _whole_file(file, buffer_size=8192):
    # The pack (~60 KiB) in one read and one write with its headers, not in 8 KiB pieces.
    return FileWrapper(file, max(buffer_size, 1 << 18))


class Replay:
    """WSGI: a kept answer goes out at once; anything else to the Flask app."""

    def __init__(self, app: Flask, wsgi_app):
        self.state, self.wsgi_app = app.extensions[KEY], wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and "HTTP_ORIGIN" not in environ:
            started = time.perf_counter()
            path = environ.get("PATH_INFO", "")
            key = self.state["keys"].get(path)
            kept = self.state["kept"].get((path, key(environ))) if key is not None else None
            if kept is not None:
                start_response = metrics.replayed(environ, start_response, started)
            if kept is not None and kept[0] == "file":
                return _send_kept_file(environ, start_response, kept[1], kept[2], kept[3])
            if kept is not None:
                _kind, status, headers, body = kept
                start_response(status, list(headers))
                return [body]
        return self.wsgi_app(environ, start_response)


class LazySessions(SecureCookieSessionInterface):
    """The API signs in with tokens; Flask's cookie session is opened only for a request that
    brings one, instead of building its signing serializer for every request."""

    def open_session(self, app, request):
        if app.config["SESSION_COOKIE_NAME"] not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    """Before security.init_app: its after-request headers must be on an answer before it is kept."""
    app.extensions[KEY] = {"answers": {}, "keys": {}, "kept": {}}
    # First of all before-request handlers: an answer from here skips the rate limiter's bookkeeping.
    app.before_request_funcs.setdefault(None, []).insert(0, _answer)
    # Registered first but for metrics' (whose request id is not kept), so it runs after every other one.
    app.after_request(_kept)
    app.wsgi_app = Replay(app, app.wsgi_app)
    app.session_interface = LazySessions()
