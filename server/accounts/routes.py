"""Accounts API: sign-in (password, phone code, WeChat), refresh, logout, me, users, audit log."""
from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import get_jwt
from flask_smorest import Blueprint

from ..paging import PAGING, QueryPage
from ..pii import decrypt
from ..security import (
    forget_login_tries,
    limited,
    login_limit,
    otp_limit,
    refresh_limit,
    take_login_try,
    verify_limit,
    wechat_limit,
)
from . import audit, service, tokens
from .guard import current_user, require_role
from .schemas import (
    AuditArgs,
    AuditOut,
    OtpRequest,
    OtpSent,
    OtpVerify,
    PasswordLogin,
    RefreshArgs,
    SignedIn,
    UserCreate,
    UserDetail,
    UserListArgs,
    UserOut,
    UserUpdate,
    UserViewArgs,
    WechatLogin,
)

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="账号：登录、令牌、用户管理、审计日志")


@blp.after_request
def _never_cached(response):
    """Tokens and personal data: no browser, proxy or service-worker cache keeps them."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _signed_in(user, delivery):
    return dict(tokens.sign_in(user, delivery), user=user)


@blp.route("/auth/otp")
class OtpSend(MethodView):
    @limited(otp_limit)
    @blp.arguments(OtpRequest)
    @blp.response(202, OtpSent)
    def post(self, args):
        """Send a 6-digit sign-in code by SMS. The answer is the same whether the phone has an account."""
        service.request_code(args["phone"])
        ttl = current_app.config["OTP_TTL_SECONDS"]
        return {"sent": True, "expires_in": ttl, "message": f"验证码已发送，{ttl // 60} 分钟内有效。"}


@blp.route("/auth/otp/verify")
class OtpCheck(MethodView):
    @limited(verify_limit)
    @blp.arguments(OtpVerify)
    @blp.response(200, SignedIn)
    def post(self, args):
        """Sign a worker in with the code (a worker account is made on first sign-in)."""
        return _signed_in(service.verify_code(args["phone"], args["code"]), args["token_delivery"])


@blp.route("/auth/wechat")
class Wechat(MethodView):
    @limited(wechat_limit)
    @blp.arguments(WechatLogin)
    @blp.response(200, SignedIn)
    def post(self, args):
        """WeChat mini-program sign-in: the wx.login() code is exchanged through code2session."""
        return _signed_in(service.wechat_login(args["code"]), args["token_delivery"])


@blp.route("/auth/login")
class Login(MethodView):
    @limited(login_limit)
    @blp.arguments(PasswordLogin)
    @blp.response(200, SignedIn)
    def post(self, args):
        """Password sign-in for volunteers, lawyers, staff and admins."""
        take_login_try(args["username"])
        user = service.login_password(args["username"], args["password"])
        forget_login_tries(args["username"])
        return _signed_in(user, args["token_delivery"])


@blp.route("/auth/refresh")
class Refresh(MethodView):
    @limited(refresh_limit)
    @require_role(token="refresh")
    @blp.arguments(RefreshArgs)
    @blp.response(200, SignedIn)
    def post(self, args):
        """A new access token from the refresh token (cookie or Authorization header)."""
        user = current_user()
        return dict(tokens.refreshed(user, get_jwt(), args["token_delivery"]), user=user)


@blp.route("/auth/logout")
class Logout(MethodView):
    @require_role(token="any")
    @blp.response(204)
    def post(self):
        """Sign out: the access and refresh tokens of this sign-in stop working, cookies are cleared."""
        tokens.revoke_session(get_jwt(), current_user().id)
        tokens.clear_cookies()


@blp.route("/me")
class Me(MethodView):
    @require_role()
    @blp.response(200, UserOut)
    def get(self):
        """Who is signed in."""
        return current_user()


@blp.route("/users")
class Users(MethodView):
    @require_role("admin")
    @blp.arguments(UserListArgs, location="query")
    @blp.response(200, UserOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """Accounts, filtered by role or name (phones masked); the listing is logged. Paged: X-Pagination."""
        return service.list_users(current_user(), args["role"], args["q"])

    @require_role("admin")
    @blp.arguments(UserCreate)
    @blp.response(201, UserOut)
    def post(self, args):
        """Make an account (volunteers, lawyers, staff and admins need a username and password)."""
        return service.create_user(current_user(), **args)


@blp.route("/users/<int(signed=True):user_id>")
class UserView(MethodView):
    @require_role("admin")
    @blp.arguments(UserViewArgs, location="query")
    @blp.response(200, UserDetail)
    def get(self, args, user_id):
        """One account; `?reveal=phone` adds the full phone. Every view is logged."""
        user = service.get_user(current_user(), user_id, reveal_phone=args["reveal"] == "phone")
        if args["reveal"] == "phone" and user.phone_enc:
            user.revealed_phone = decrypt(user.phone_enc)
        return user

    @require_role("admin")
    @blp.arguments(UserUpdate)
    @blp.response(200, UserOut)
    def patch(self, args, user_id):
        """Change role, name, phone or password, or switch an account off (active=false)."""
        return service.update_user(current_user(), user_id, args)


@blp.route("/audit")
class AuditLog(MethodView):
    @require_role("admin")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, AuditOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """Who read or changed personal data, newest first. Paged: X-Pagination."""
        return audit.entries(**args)
