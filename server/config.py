"""Settings read from the environment, with safe development defaults."""
import os
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
        self.PWA_DIST = env.get("PWA_DIST", str(ROOT / "pwa" / "dist"))
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 12 * 1024 * 1024))
        # base64 of 32 random bytes: `python -c "import os,base64;print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`
        self.DATA_KEY = env.get("DATA_KEY", "")
        self.REDIS_URL = env.get("REDIS_URL", "")
        self.CORS_ORIGINS = [o for o in env.get("CORS_ORIGINS", "").split(",") if o]
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
