"""Extensions created unbound; create_app() binds them."""
from flask import current_app, request
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .apidoc import Api

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
api = Api()
jwt = JWTManager()


def _default_limit_key() -> str:
    return f"{current_app.config['RATELIMIT_NAMESPACE']}:{request.remote_addr or 'unknown'}"


# Limits are declared in server/security.py; storage and numbers come from config (RATELIMIT_*).
limiter = Limiter(key_func=_default_limit_key)
