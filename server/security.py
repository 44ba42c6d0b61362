"""The security baseline: rate limits, security headers, CORS, proxies.

Rate limits are named by what they guard (`login_limit`, `otp_limit`, `submission_limit` ...)
and their numbers live in config (RATELIMIT_*); they are stored in Redis when REDIS_URL is set.
Every key starts with RATELIMIT_NAMESPACE, so apps sharing one Redis (tests, staging) never mix.
"""
from urllib.parse import urlsplit

from flask import current_app, request
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from .extensions import limiter
from .pii import InvalidPhone, normalise_phone


def _ns(value: str) -> str:
    return f"{current_app.config['RATELIMIT_NAMESPACE']}:{value}"


def address_key() -> str:
    return _ns(request.remote_addr or "unknown")


def _body_key(field: str, normalise=lambda v: v.strip().lower()) -> str:
    body = request.get_json(silent=True)
    value = body.get(field) if isinstance(body, dict) else None
    if not isinstance(value, str):
        return address_key()
    try:
        value = normalise(value)
    except InvalidPhone:
        pass
    return _ns(f"{field}:{value}")


def username_key() -> str:
    return _body_key("username")


def phone_key() -> str:
    return _body_key("phone", normalise_phone)


def _config(name: str):
    return lambda: current_app.config[name]


def _failed(response) -> bool:
    return response.status_code in (401, 403)


# Strict on sign-in and codes: per address, plus per account counting only failures.
login_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="login-address"),
               limiter.limit(_config("RATELIMIT_LOGIN_FAILURES"), key_func=username_key, scope="login-account",
                             deduct_when=_failed)]
otp_limit = [limiter.limit(_config("RATELIMIT_OTP_PER_ADDRESS"), key_func=address_key, scope="otp-address"),
             limiter.limit(_config("RATELIMIT_OTP_PER_PHONE"), key_func=phone_key, scope="otp-phone")]
verify_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="verify-address"),
                limiter.limit(_config("RATELIMIT_VERIFY_PER_PHONE"), key_func=phone_key, scope="verify-phone")]
wechat_limit = [limiter.limit(_config("RATELIMIT_LOGIN"), key_func=address_key, scope="wechat-address")]
refresh_limit = [limiter.limit(_config("RATELIMIT_REFRESH"), key_func=address_key, scope="refresh")]
# Moderate on submissions (sign-ups, applications, uploads, sync): MethodView `decorators = submission_limit`.
submission_limit = [limiter.limit(_config("RATELIMIT_SUBMISSIONS"), key_func=address_key, scope="submission")]


def limited(limits):
    """Apply a list of limits to one view function or method."""
    def decorator(fn):
        for limit in reversed(limits):
            fn = limit(fn)
        return fn
    return decorator


# --- headers -------------------------------------------------------------------------------------

# The PWA loads only its own scripts and styles; speech, IndexedDB and tel: links need nothing more.
APP_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
           "media-src 'self' blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
           "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
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
    defaults = [("Content-Security-Policy", csp), *BASELINE_HEADERS]
    if request.is_secure:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    # One pass over the headers already set (a view may set its own), not one scan per header.
    present = {key.lower() for key in response.headers.keys()}
    response.headers.extend([(k, v) for k, v in defaults if k.lower() not in present])
    return response


BASELINE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    # Volunteers scan sign-up QR codes with the camera; nothing else is needed.
    ("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()"),
)


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
