"""Public reads answered first, before the work a request needs only when it is not cached.

The card list and the content pack depend on nothing but the URL, the locale and the content
version, and are the answers workers' phones ask for most. A domain registers a path with a
function that answers a GET from what it already has (or returns None, and the request takes
the normal way: rate limits, argument parsing, the view). Flask still runs the after-request
handlers, so every answer keeps the security headers.
"""
from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface

KEY = "public_reads"


def register(app: Flask, path: str, answer) -> None:
    app.extensions.setdefault(KEY, {})[path] = answer


def _answer():
    if request.method == "GET":
        answer = current_app.extensions.get(KEY, {}).get(request.path)
        if answer is not None:
            return answer()
    return None


class LazySessions(SecureCookieSessionInterface):
    """The API signs in with tokens; Flask's cookie session is opened only for a request that
    brings one, instead of building its signing serializer for every request."""

    def open_session(self, app, request):
        if app.config["SESSION_COOKIE_NAME"] not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    # First of all before-request handlers: a cached answer skips the rate limiter's bookkeeping.
    app.before_request_funcs.setdefault(None, []).insert(0, _answer)
    app.session_interface = LazySessions()
