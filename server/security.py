"""The security baseline: rate limits, security headers, CORS, proxies.

Rate limits are named by what they guard (`login_limit`, `otp_limit`, `submission_limit` ...)
and their numbers live in config (RATELIMIT_*); they are stored in Redis when REDIS_URL is set.
Every key starts with RATELIMIT_NAMESPACE, so apps sharing one Redis (tests, staging) never mix.
"""
import time
from urllib.parse import urlsplit

from flask import current_app, request
from flask_cors import CORS
from flask_smorest import Blueprint
from limits import parse_many
from werkzeug.exceptions import TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix

from .apidoc import RATE_LIMITED
from .extensions import limiter
from .pii import InvalidPhone, lookup_hash, normalise_phone


def _ns(value: str) -> str:
    return f"{current_app.config['RATELIMIT_NAMESPACE']}:{value}"


def address_key() -> str:
    return _ns(request.remote_addr or "unknown")


def _account(value: str) -> str:
    """A phone or username as it may appear in a limiter key or log line: its keyed hash, never itself.

    A lone surrogate (refused later by the schema) must not raise here: an error inside a key function makes
    Flask-Limiter take its store for dead and stop counting for everyone."""
    value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return lookup_hash(f"ratelimit:{value}")[:32]


def hashed_key(kind: str, value: str) -> str:
    """A limiter key for a personal value (phone, tracking code): its keyed hash, so neither the store's
    keys nor Flask-Limiter's "exceeded" log lines (which print the key) show the value."""
    return _ns(f"{kind}:{_account(value)}")


def _body_key(field: str, normalise=lambda v: v.strip().lower()) -> str:
    body = request.get_json(silent=True)
    value = body.get(field) if isinstance(body, dict) else None
    if not isinstance(value, str):
        return address_key()
    try:
        value = normalise(value)
    except InvalidPhone:
        pass
    return hashed_key(field, value)


def phone_key() -> str:
    return _body_key("phone", normalise_phone)


def _config(name: str):
    return lambda: current_app.config[name]


# Strict on sign-in and codes: per address here; per account, counting only failures, by take_login_try.
login_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="login-address")]
otp_limit = [limiter.limit(_config("RATELIMIT_OTP_PER_ADDRESS"), key_func=address_key, scope="otp-address"),
             limiter.limit(_config("RATELIMIT_OTP_PER_PHONE"), key_func=phone_key, scope="otp-phone")]
verify_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="verify-address"),
                limiter.limit(_config("RATELIMIT_VERIFY_PER_PHONE"), key_func=phone_key, scope="verify-phone")]
wechat_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="wechat-address")]
refresh_limit = [limiter.limit(_config("RATELIMIT_REFRESH"), key_func=address_key, scope="refresh")]
# Moderate on submissions (sign-ups, applications, uploads, sync): MethodView `decorators = submission_limit`.
submission_limit = [limiter.limit(_config("RATELIMIT_SUBMISSIONS"), key_func=address_key, scope="submission")]


def _login_key(username: str) -> str:
    return _ns(f"login-account:{_account(username.strip().lower())}")


def take_login_try(username: str) -> None:
    """Take one of the account's password tries before the password is checked; 429 when none is left.

    Taken first, in one atomic step of the limiter's store, so 30 guesses at once get 5 tries, not
    16 (counting after the answer let every guess in flight through). A success gives the account
    its tries back (forget_login_tries), so only failures add up.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    key = _login_key(username)
    for item in parse_many(current_app.config["RATELIMIT_LOGIN_FAILURES"]):
        if not limiter.limiter.hit(item, key):
            reset = limiter.limiter.get_window_stats(item, key).reset_time
            exc = TooManyRequests()
            # flask-smorest's error handler reads the headers from .data.
            exc.data = {"headers": {"Retry-After": str(max(1, int(reset - time.time())))}}  # type: ignore[attr-defined]
            raise exc


def forget_login_tries(username: str) -> None:
    if current_app.config.get("RATELIMIT_ENABLED", True):
        for item in parse_many(current_app.config["RATELIMIT_LOGIN_FAILURES"]):
            limiter.limiter.clear(item, _login_key(username))


def limited(limits):
    """Apply a list of limits to one view function or method (and say so in the API description: 429)."""
    def decorator(fn):
        for limit in reversed(limits):
            fn = limit(fn)
        return Blueprint.doc(**{RATE_LIMITED: True})(fn)
    return decorator


# --- headers -------------------------------------------------------------------------------------

def never_cached(response):
    """For a blueprint's answers with personal data (`blp.after_request(never_cached)`): no browser,
    proxy or service-worker cache keeps them, on a shared phone least of all."""
    response.headers["Cache-Control"] = "no-store"
    return response


# The PWA loads only its own scripts and styles; speech, IndexedDB and tel: links need nothing more.
# Fetches, fonts and the manifest fall back to default-src 'self': no directive of their own (52 bytes
# on each page and worker script of a first visit on 2G); script, style and worker stay said out loud.
APP_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
           "media-src 'self' blob:; worker-src 'self'; "
           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def docs_csp(cdn: str) -> str:
    """Swagger UI comes from a CDN and boots with an inline script: its page alone allows those."""
    return (f"default-src 'none'; script-src {cdn} 'unsafe-inline'; style-src {cdn} 'unsafe-inline'; "
            f"img-src 'self' data: {cdn}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")


def _cdn_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "'self'"


def security_headers(response):
    cfg = current_app.config
    path = request.path
    docs = f"{cfg['OPENAPI_URL_PREFIX'].rstrip('/')}/{cfg['OPENAPI_SWAGGER_UI_PATH']}"
    if path == docs:
        csp = docs_csp(_cdn_origin(cfg["OPENAPI_SWAGGER_UI_URL"]))
    elif path.startswith("/api/") or response.mimetype == "application/json":
        csp = API_CSP
    else:
        csp = APP_CSP
    if response.status_code == 304:
        # A revalidation: the browser keeps the headers it stored with the 200 and updates only those the
        # 304 sends; RFC 9110 (15.4.5) asks for just the cache's own (ETag, Cache-Control, Vary ...). The
        # home page's 304 at a first visit's precache was 650 bytes, mostly these.
        defaults = []
    elif _subresource(response.mimetype, path):
        defaults = [SUBRESOURCE_HEADER]
    else:
        defaults = [("Content-Security-Policy", csp), *BASELINE_HEADERS]
    if request.is_secure:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    # One pass over the headers already set (a view may set its own), not one scan per header.
    present = {key.lower() for key in response.headers.keys()}
    response.headers.extend([(k, v) for k, v in defaults if k.lower() not in present])
    return response


SUBRESOURCE_HEADER = ("X-Content-Type-Options", "nosniff")
BASELINE_HEADERS = (
    SUBRESOURCE_HEADER,
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    # Volunteers scan sign-up QR codes with the camera; workers and answerers record 问一问's questions and answers
    # (pwa/src/core/recorder.ts) with the microphone; nothing else is needed.
    ("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()"),
)


# What a page only ever loads as its script, style, image, font or manifest. With nosniff the browser never
# makes a document or a worker of them, so a CSP, framing, referrer, opener or permissions policy on them
# does nothing (a stylesheet's own fetches are held by the page's CSP); on 2G their ~500 bytes on each of
# the first visit's ~20 files cost seconds. Any other type (HTML, SVG, JSON, anything new) gets the full set.
SUBRESOURCE_TYPES = frozenset({
    "text/javascript", "application/javascript", "text/css", "application/manifest+json", "image/png",
    "image/jpeg", "image/webp", "image/gif", "image/avif", "image/vnd.microsoft.icon", "image/x-icon",
    "font/woff2", "font/woff",
})


def worker_script(path: str) -> bool:
    """The service worker, and a Web Worker's script (Vite names it after its source: search-worker-<hash>.js):
    a worker's CSP is the one its own script came with. tests/test_security.py checks the app's workers."""
    return path == "/sw.js" or (path.startswith("/assets/") and "worker" in path.rsplit("/", 1)[-1])


def _subresource(mimetype: str, path: str) -> bool:
    return mimetype in SUBRESOURCE_TYPES and not path.startswith("/api/") and not worker_script(path)


def init_app(app) -> None:
    hops = int(app.config.get("PROXY_HOPS", 0))
    if hops:
        # Behind a reverse proxy: take the client address and scheme from its X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    limiter.init_app(app)
    if app.config.get("APP_ENV") == "production" and app.config["RATELIMIT_STORAGE_URI"].startswith("memory"):
        app.logger.warning("REDIS_URL is not set: each gunicorn worker counts rate limits on its own")
    if app.config["CORS_ORIGINS"]:
        CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}}, supports_credentials=True,
             allow_headers=["Content-Type", "Authorization", "X-CSRF-TOKEN", "Idempotency-Key", "If-None-Match"],
             expose_headers=["ETag", "X-Pagination", "Retry-After", "Content-Language"], max_age=600)
    app.after_request(security_headers)
