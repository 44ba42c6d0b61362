"""Settings read from the environment. No secret is built in: development makes its own per machine.

APP_ENV is one of ENVIRONMENTS. `development` generates its keys into `instance/dev-keys.json` on
first run; `test` must be handed them (tests/conftest.py does); `production` must be given strong
ones in the environment and refuses to start on anything unsafe (`settle` says why).
"""
import base64
import binascii
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "test", "production")
SECRETS = ("SECRET_KEY", "JWT_SECRET_KEY", "DATA_KEY")
# Values that once shipped in this repository are public: never accepted as a production key.
PUBLISHED = {"dev-only-secret-change-me-in-production-0123456789"}
MAKE_SECRET = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'


def database_url(raw: str | None) -> str:
    """Normalise DATABASE_URL: Heroku-style postgres:// and bare postgresql:// use psycopg 3."""
    if not raw:
        instance = ROOT / "instance"
        instance.mkdir(exist_ok=True)
        return f"sqlite:///{instance / 'gongyou.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


class Config:
    """Read once per create_app(); tests pass overrides as a dict."""

    def __init__(self, env=os.environ):
        self.APP_ENV = env.get("APP_ENV", "development")
        self.INSTANCE_DIR = env.get("INSTANCE_DIR", str(ROOT / "instance"))
        # Empty unless given: `settle` fills them in development and refuses to start without them otherwise.
        self.SECRET_KEY = env.get("SECRET_KEY", "")
        self.JWT_SECRET_KEY = env.get("JWT_SECRET_KEY", "")
        self.SQLALCHEMY_DATABASE_URI = database_url(env.get("DATABASE_URL"))
        # hide_parameters: a failed statement's names, QR tokens and phone ciphertexts stay out of logs.
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
        # SQLite only: how long a write waits for the one writer before it is answered 503 (server/db.py).
        self.SQLITE_BUSY_TIMEOUT_MS = int(env.get("SQLITE_BUSY_TIMEOUT_MS", 15000))
        self.CONTENT_DIR = env.get("CONTENT_DIR", str(ROOT / "content"))
        # How stale a worker process may be about the loaded content (it caches answers per version).
        self.CONTENT_RECHECK_SECONDS = float(env.get("CONTENT_RECHECK_SECONDS", 1))
        # The content pack as files (written at `content load`), for nginx or a CDN to serve too.
        self.PACK_DIR = env.get("PACK_DIR", str(ROOT / "instance" / "pack"))
        self.PWA_DIST = env.get("PWA_DIST", str(ROOT / "pwa" / "dist"))
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 12 * 1024 * 1024))
        # Photos decoded at once per process (each up to ~110 MB, server/media/images.py), and how long
        # another upload waits for a turn before it is answered 503 with Retry-After.
        self.IMAGE_JOBS = int(env.get("IMAGE_JOBS", 2))
        self.IMAGE_WAIT_SECONDS = float(env.get("IMAGE_WAIT_SECONDS", 10))
        # 问一问: unanswered questions one phone may ask in a day; how long an answerer's claim lasts.
        self.QUESTION_PHONE_LIMIT = int(env.get("QUESTION_PHONE_LIMIT", 5))
        self.QUESTION_CLAIM_MINUTES = int(env.get("QUESTION_CLAIM_MINUTES", 30))
        # base64 of 32 random bytes: `python3 -c "import secrets; print(secrets.token_urlsafe(32))"`
        self.DATA_KEY = env.get("DATA_KEY", "")
        # Only while DATA_KEY changes (`flask data-key rotate`, docs/deploy.md): the old key, to open what it made.
        self.DATA_KEY_PREVIOUS = env.get("DATA_KEY_PREVIOUS", "")
        self.REDIS_URL = env.get("REDIS_URL", "")
        # The job queue (server/jobs.py): rq on this Redis, by default REDIS_URL; empty runs jobs inline (one process).
        self.JOBS_URL = env.get("JOBS_URL", self.REDIS_URL)
        self.JOBS_QUEUE = env.get("JOBS_QUEUE", "gongyou")
        # Seconds between a failed job's tries (then it waits in the failed list), and how long that list keeps it.
        self.JOBS_RETRY_INTERVALS = [int(s) for s in env.get("JOBS_RETRY_INTERVALS", "30,300,1800").split(",") if s]
        self.JOBS_KEEP_FAILED = int(env.get("JOBS_KEEP_FAILED", 30 * 24 * 3600))
        # Without Redis, the scheduler's record of what ran in which period (default: instance/schedule.json).
        self.SCHEDULE_STATE = env.get("SCHEDULE_STATE", "")
        # The Bearer token a Prometheus scrape of /metrics must send; /metrics is 404 while it is empty.
        self.METRICS_TOKEN = env.get("METRICS_TOKEN", "")
        # Where people reach the app (printed in posters' QR codes). Never taken from a request's Host;
        # required in production, http://localhost:PORT otherwise.
        self.PUBLIC_URL = env.get("PUBLIC_URL", "").strip().rstrip("/")
        self.PORT = env.get("PORT", "8000")
        self.CORS_ORIGINS = [o.strip() for o in env.get("CORS_ORIGINS", "").split(",") if o.strip()]
        production = self.APP_ENV == "production"
        # How many reverse proxies stand in front (their X-Forwarded-For/-Proto are then trusted).
        self.PROXY_HOPS = int(env.get("PROXY_HOPS", 0))
        # Tokens: HS256 only; short access tokens, refresh tokens long enough for a volunteer
        # who was offline all day to sync without signing in again.
        self.JWT_ALGORITHM = "HS256"
        self.JWT_DECODE_ALGORITHMS = ["HS256"]
        self.JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
        self.JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=int(env.get("REFRESH_TOKEN_DAYS", 30)))
        # Refresh tokens rotate; a replaced one is still honoured this long (two tabs, a resent request).
        self.REFRESH_REUSE_GRACE_SECONDS = int(env.get("REFRESH_REUSE_GRACE_SECONDS", 60))
        self.JWT_TOKEN_LOCATION = ["headers", "cookies"]
        self.JWT_COOKIE_SECURE = production
        self.JWT_COOKIE_SAMESITE = "Lax"
        self.JWT_COOKIE_CSRF_PROTECT = True
        self.JWT_CSRF_CHECK_FORM = False
        self.JWT_SESSION_COOKIE = False
        self.JWT_REFRESH_COOKIE_PATH = "/api/v1/auth/"
        # Phone codes and SMS: "log" writes the code to the log (development); a production sender
        # is named as "package.module:Class". Production refuses "log" unless SMS_LOG_IN_PRODUCTION=1
        # (a trial without a gateway), and even then the log shows a masked phone and no code.
        self.SMS_SENDER = env.get("SMS_SENDER", "log")
        self.SMS_LOG_IN_PRODUCTION = env.get("SMS_LOG_IN_PRODUCTION", "") in ("1", "true", "yes")
        self.OTP_TTL_SECONDS = 300
        self.OTP_MAX_ATTEMPTS = 5
        # WeChat mini-program login (code2session); off while WECHAT_APPID is empty.
        self.WECHAT_APPID = env.get("WECHAT_APPID", "")
        self.WECHAT_SECRET = env.get("WECHAT_SECRET", "")
        self.WECHAT_CODE2SESSION_URL = env.get(
            "WECHAT_CODE2SESSION_URL", "https://api.weixin.qq.com/sns/jscode2session")
        self.WECHAT_TIMEOUT_SECONDS = float(env.get("WECHAT_TIMEOUT_SECONDS", 5))
        # Rate limits (Flask-Limiter): Redis when REDIS_URL is set, so all gunicorn workers share them.
        self.RATELIMIT_ENABLED = True
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_STRATEGY = "moving-window"
        # Off: Flask-Limiter would stamp its window's Retry-After on every answer of a limited
        # route, overwriting the short one a 409 gives; errors.py adds it to 429s itself.
        self.RATELIMIT_HEADERS_ENABLED = False
        # If Redis goes away, keep serving and keep limiting, per process, until it is back.
        self.RATELIMIT_SWALLOW_ERRORS = True
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_NAMESPACE = env.get("RATELIMIT_NAMESPACE", "gy")
        self.RATELIMIT_LOGIN = "10 per minute;50 per hour"
        self.RATELIMIT_LOGIN_FAILURES = "5 per 15 minutes"
        self.RATELIMIT_OTP_PER_PHONE = "1 per minute;5 per hour"
        self.RATELIMIT_OTP_PER_ADDRESS = "10 per minute;60 per hour"
        self.RATELIMIT_VERIFY_PER_PHONE = "10 per hour"
        self.RATELIMIT_REFRESH = "60 per minute"
        self.RATELIMIT_SUBMISSIONS = "30 per minute;300 per hour"
        # flask-smorest / OpenAPI
        self.API_TITLE = "工友法援 API"
        self.API_VERSION = "v1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api/v1"
        self.OPENAPI_JSON_PATH = "openapi.json"
        self.OPENAPI_SWAGGER_UI_PATH = "docs"
        # Swagger UI's files come from the app (server/api_docs.py), never from a public CDN.
        self.OPENAPI_SWAGGER_UI_URL = env.get("SWAGGER_UI_URL", "/api/v1/docs/assets/")
        self.JSON_AS_ASCII = False
        self.API_SPEC_OPTIONS = {"components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "access_token_cookie",
                           "description": "browsers: send the csrf_access_token cookie back as X-CSRF-TOKEN"}}}}

    def as_dict(self):
        return {k: v for k, v in vars(self).items() if k.isupper()}


class UnsafeConfig(RuntimeError):
    """The app refuses to start: the message says what to set."""


def settle(config) -> None:
    """Check the environment and fill in development keys; raise UnsafeConfig to refuse to start."""
    env = config.get("APP_ENV")
    if env not in ENVIRONMENTS:
        # "prod" or "Production" must not quietly mean "development".
        raise UnsafeConfig(f"APP_ENV={env!r} is not one of {', '.join(ENVIRONMENTS)}; refusing to start")
    if env == "development":
        keys = development_keys(Path(config["INSTANCE_DIR"]))
        for name in SECRETS:
            if not config.get(name):
                config[name] = keys[name]
    missing = [name for name in SECRETS if not config.get(name)]
    if missing:
        raise UnsafeConfig(f"APP_ENV={env} but {', '.join(missing)} is not set; refusing to start "
                           f"(make each with: {MAKE_SECRET})")
    problems = [] if data_key_bytes(config["DATA_KEY"]) else [
        "DATA_KEY is not base64 of 32 bytes"]
    if config.get("DATA_KEY_PREVIOUS") and not data_key_bytes(config["DATA_KEY_PREVIOUS"]):
        problems.append("DATA_KEY_PREVIOUS is not base64 of 32 bytes")
    if env == "production":
        problems += [f"{name} is weak (use 32 random bytes: {MAKE_SECRET})"
                     for name in ("SECRET_KEY", "JWT_SECRET_KEY") if not strong(config[name])]
        if config.get("METRICS_TOKEN") and not strong(config["METRICS_TOKEN"]):
            problems.append(f"METRICS_TOKEN is weak (leave it empty to turn /metrics off, or use 32 random bytes: "
                            f"{MAKE_SECRET})")
        key = data_key_bytes(config["DATA_KEY"])
        if key and len(set(key)) < 12:
            problems.append("DATA_KEY is not random")
        if urlsplit(config.get("PUBLIC_URL") or "").scheme not in ("http", "https"):
            problems.append("PUBLIC_URL (e.g. https://fayuan.example.org) is not set")
        if config.get("SMS_SENDER") == "log" and not config.get("SMS_LOG_IN_PRODUCTION"):
            problems.append("SMS_SENDER is 'log' (set a real sender, or SMS_LOG_IN_PRODUCTION=1 for a trial)")
    if problems:
        raise UnsafeConfig(f"APP_ENV={env} but {'; '.join(problems)}; refusing to start")
    if not config.get("PUBLIC_URL"):
        config["PUBLIC_URL"] = f"http://localhost:{config.get('PORT', '8000')}"


def strong(secret: str) -> bool:
    """32 random bytes, written as base64 (43 characters) or hex (64): long, and not a repeated pattern.

    Randomness cannot be measured from one string; this refuses the short and the obviously made-up.
    """
    return len(secret) >= 43 and len(set(secret)) >= 12 and secret not in PUBLISHED


def data_key_bytes(raw: str) -> bytes | None:
    """DATA_KEY decoded (base64, URL-safe or standard, padding optional), or None unless it is 32 bytes."""
    text = (raw or "").strip().replace("-", "+").replace("_", "/")
    try:
        key = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == 32 else None


def development_keys(instance: Path) -> dict:
    """This machine's development keys, made on first use; never the same on two machines."""
    path = instance / "dev-keys.json"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        keys = {"SECRET_KEY": secrets.token_urlsafe(32), "JWT_SECRET_KEY": secrets.token_urlsafe(32),
                "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
        tmp = instance / f".dev-keys.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(keys, f)
        try:
            os.link(tmp, path)  # atomic: two workers starting at once end up with the same keys
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return json.loads(path.read_text())
