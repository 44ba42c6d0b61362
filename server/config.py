"""Settings read from the environment, with safe development defaults."""
import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789"


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
        self.SECRET_KEY = env.get("SECRET_KEY", DEV_SECRET)
        self.JWT_SECRET_KEY = env.get("JWT_SECRET_KEY", self.SECRET_KEY)
        self.SQLALCHEMY_DATABASE_URI = database_url(env.get("DATABASE_URL"))
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.CONTENT_DIR = env.get("CONTENT_DIR", str(ROOT / "content"))
        # How stale a worker process may be about the loaded content (it caches answers per version).
        self.CONTENT_RECHECK_SECONDS = float(env.get("CONTENT_RECHECK_SECONDS", 1))
        # The content pack as files (written at `content load`), for nginx or a CDN to serve too.
        self.PACK_DIR = env.get("PACK_DIR", str(ROOT / "instance" / "pack"))
        self.PWA_DIST = env.get("PWA_DIST", str(ROOT / "pwa" / "dist"))
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 12 * 1024 * 1024))
        # base64 of 32 random bytes: `python -c "import os,base64;print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`
        self.DATA_KEY = env.get("DATA_KEY", "")
        self.REDIS_URL = env.get("REDIS_URL", "")
        self.PUBLIC_URL = env.get("PUBLIC_URL", "").rstrip("/")
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
        self.JWT_TOKEN_LOCATION = ["headers", "cookies"]
        self.JWT_COOKIE_SECURE = production
        self.JWT_COOKIE_SAMESITE = "Lax"
        self.JWT_COOKIE_CSRF_PROTECT = True
        self.JWT_CSRF_CHECK_FORM = False
        self.JWT_SESSION_COOKIE = False
        self.JWT_REFRESH_COOKIE_PATH = "/api/v1/auth/"
        # Phone codes and SMS: "log" writes the code to the log (development); a production sender
        # is named as "package.module:Class".
        self.SMS_SENDER = env.get("SMS_SENDER", "log")
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
        self.OPENAPI_SWAGGER_UI_URL = env.get(
            "SWAGGER_UI_URL", "https://cdn.jsdelivr.net/npm/swagger-ui-dist/")
        self.JSON_AS_ASCII = False
        self.API_SPEC_OPTIONS = {"components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "access_token_cookie",
                           "description": "browsers: send the csrf_access_token cookie back as X-CSRF-TOKEN"}}}}

    def as_dict(self):
        return {k: v for k, v in vars(self).items() if k.isupper()}


def check_production(config) -> None:
    """Refuse to start in production with development secrets or no real database."""
    if config.get("APP_ENV") != "production":
        return
    missing = [k for k in ("SECRET_KEY", "JWT_SECRET_KEY") if config.get(k) in (None, "", DEV_SECRET)]
    if not config.get("DATA_KEY"):
        missing.append("DATA_KEY")
    if missing:
        raise RuntimeError(f"APP_ENV=production but {', '.join(missing)} is not set; refusing to start")
