"""Accounts API: sign-in (password, phone code, WeChat), refresh, logout, me, users, audit log."""
from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import get_jwt
from flask_smorest import Blueprint

from ..files import CSV, XLSX, download
from ..paging import PAGING, QueryPage
from ..security import (
    forget_login_tries,
    limited,
    login_limit,
    never_cached,
    otp_limit,
    refresh_limit,
    take_login_try,
    verify_limit,
    wechat_limit,
)
from . import audit, signin, tokens, users
from .guard import current_user, require_role
from .schemas import (
    AuditArgs,
    AuditOut,
    OtpRequest,
    OtpSent,
    OtpVerify,
    PasswordChange,
    PasswordLogin,
    PasswordReset,
    RefreshArgs,
    RevealIn,
    RevealOut,
    SignedIn,
    UserCreate,
    UserCreated,
    UserDetail,
    UserListArgs,
    UserOut,
    UserUpdate,
    WechatLogin,
)

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="账号：登录、令牌、用户管理、审计日志")

blp.after_request(never_cached)  # tokens and personal data


def _signed_in(user, delivery):
    return dict(tokens.sign_in(user, delivery), user=user)


@blp.route("/auth/otp")
class OtpSend(MethodView):
    @limited(otp_limit)
    @blp.arguments(OtpRequest)
    @blp.response(202, OtpSent)
    def post(self, args):
        """Send a 6-digit sign-in code by SMS. The answer is the same whether the phone has an account."""
        signin.request_code(args["phone"])
        ttl = current_app.config["OTP_TTL_SECONDS"]
        return {"sent": True, "expires_in": ttl, "message": f"验证码已发送，{ttl // 60} 分钟内有效。"}


@blp.route("/auth/otp/verify")
class OtpCheck(MethodView):
    @limited(verify_limit)
    @blp.arguments(OtpVerify)
    @blp.response(200, SignedIn)
    def post(self, args):
        """Sign a worker in with the code (a worker account is made on first sign-in)."""
        return _signed_in(signin.verify_code(args["phone"], args["code"]), args["token_delivery"])


@blp.route("/auth/wechat")
class Wechat(MethodView):
    @limited(wechat_limit)
    @blp.arguments(WechatLogin)
    @blp.response(200, SignedIn)
    def post(self, args):
        """WeChat mini-program sign-in: the wx.login() code is exchanged through code2session."""
        return _signed_in(signin.wechat_login(args["code"]), args["token_delivery"])


@blp.route("/auth/login")
class Login(MethodView):
    @limited(login_limit)
    @blp.arguments(PasswordLogin)
    @blp.response(200, SignedIn)
    def post(self, args):
        """Password sign-in for volunteers, lawyers, staff and admins."""
        take_login_try(args["username"])
        user = signin.login_password(args["username"], args["password"])
        forget_login_tries(args["username"])
        return _signed_in(user, args["token_delivery"])


@blp.route("/auth/refresh")
class Refresh(MethodView):
    @limited(refresh_limit)
    @require_role(token="refresh", before_password_change=True)
    @blp.arguments(RefreshArgs)
    @blp.response(200, SignedIn)
    def post(self, args):
        """A new access token from the refresh token (cookie or Authorization header)."""
        user = current_user()
        return dict(tokens.refreshed(user, get_jwt(), args["token_delivery"]), user=user)


@blp.route("/auth/logout")
class Logout(MethodView):
    @require_role(token="any", before_password_change=True)
    @blp.response(204)
    def post(self):
        """Sign out: the access and refresh tokens of this sign-in stop working, cookies are cleared."""
        tokens.revoke_session(get_jwt(), current_user().id)
        tokens.clear_cookies()


@blp.route("/me")
class Me(MethodView):
    @require_role(before_password_change=True)
    @blp.response(200, UserOut)
    def get(self):
        """Who is signed in."""
        return current_user()


@blp.route("/me/password")
class MyPassword(MethodView):
    @limited(login_limit)
    @require_role(before_password_change=True)
    @blp.arguments(PasswordChange)
    @blp.response(200, SignedIn)
    def post(self, args):
        """Change one's own password (a one-time one too). Every other sign-in ends; this one gets new tokens."""
        user = current_user()
        take_login_try(user.username or str(user.id))
        users.change_own_password(user, args["current"], args["new"])
        forget_login_tries(user.username or str(user.id))
        tokens.revoke_session(get_jwt(), user.id)
        return _signed_in(user, args["token_delivery"])


@blp.route("/users")
class Users(MethodView):
    @require_role("admin")
    @blp.arguments(UserListArgs, location="query")
    @blp.response(200, UserOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """Accounts, filtered by role or name (phones masked); the listing is logged. Paged: X-Pagination."""
        return users.list_users(current_user(), args["role"], args["q"], args["active"])

    @require_role("admin")
    @blp.arguments(UserCreate)
    @blp.response(201, UserCreated)
    def post(self, args):
        """Make an account. Volunteers, lawyers, staff and admins need a username; their password is a
        one-time one (made here when none is given, and shown in this answer only), changed at first sign-in."""
        return users.create_user(current_user(), **args)


@blp.route("/users/<int(signed=True):user_id>")
class UserView(MethodView):
    @require_role("admin")
    @blp.response(200, UserDetail)
    def get(self, user_id):
        """One account (phone masked; POST .../reveal shows it whole). Every view is logged."""
        return users.get_user(current_user(), user_id)

    @require_role("admin")
    @blp.arguments(UserUpdate)
    @blp.response(200, UserOut)
    def patch(self, args, user_id):
        """Change role, name or phone, switch an account off (active=false: its sessions end at once),
        or set a password (a one-time one: changed at the next sign-in)."""
        return users.update_user(current_user(), user_id, args)


@blp.route("/users/<int(signed=True):user_id>/reveal")
class UserReveal(MethodView):
    @require_role("admin")
    @blp.arguments(RevealIn)
    @blp.response(200, RevealOut)
    def post(self, args, user_id):
        """The account's full phone, for the reason typed (kept in the audit log)."""
        return {"phone": users.reveal_phone(current_user(), user_id, args["reason"])}


@blp.route("/users/<int(signed=True):user_id>/password-reset")
class UserPasswordReset(MethodView):
    @require_role("admin")
    @blp.response(200, PasswordReset)
    def post(self, user_id):
        """A new one-time password for the account (shown in this answer only); its sessions end at once."""
        user, password = users.reset_password(current_user(), user_id)
        return {"user": user, "one_time_password": password}


@blp.route("/audit")
class AuditLog(MethodView):
    @require_role("admin")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, AuditOut(many=True))
    @blp.paginate(QueryPage, **PAGING)
    def get(self, args):
        """Who read or changed personal data, newest first. Paged: X-Pagination."""
        return audit.entries(current_user(), **args)


@blp.route("/audit.csv")
class AuditCsv(MethodView):
    @require_role("admin")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, args):
        """The log with the same filters, as CSV (UTF-8 with BOM, formula-safe), newest first, at most
        20,000 rows. The export itself is logged."""
        return download(audit.export_csv(current_user(), args), CSV, "audit-log.csv")


@blp.route("/audit.xlsx")
class AuditXlsx(MethodView):
    @require_role("admin")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, content_type=XLSX)
    def get(self, args):
        """The log with the same filters, as an Excel sheet (text cells stay text: formula-safe), newest first,
        at most 20,000 rows. The export itself is logged."""
        return download(audit.export_xlsx(current_user(), args), XLSX, "audit-log.xlsx")
