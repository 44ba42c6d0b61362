"""WeChat mini-program login: exchange the `code` from wx.login() for the user's openid.

code2session: GET {WECHAT_CODE2SESSION_URL}?appid=&secret=&js_code=&grant_type=authorization_code
answers {"openid", "session_key", "unionid"?} or {"errcode", "errmsg"}.
"""
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from flask import current_app

from ..errors import DomainError

log = logging.getLogger(__name__)

# errcode -> (status, machine code, what the person reads)
ERRORS = {
    40029: (401, "wechat_code_invalid", "微信登录凭证无效，请关闭小程序重新打开后再试。"),
    40163: (401, "wechat_code_used", "微信登录凭证已经用过，请关闭小程序重新打开后再试。"),
    45011: (429, "wechat_rate_limited", "微信登录太频繁了，请过一分钟再试。"),
    40226: (403, "wechat_user_blocked", "微信判断这个账号有风险，暂时不能登录，请联系工作人员。"),
    -1: (503, "wechat_busy", "微信服务繁忙，请稍后再试。"),
}
UNREACHABLE = (503, "wechat_unreachable", "暂时连不上微信，请稍后再试。")


@dataclass
class WechatSession:
    openid: str
    unionid: str | None


def code2session(code: str) -> WechatSession:
    cfg = current_app.config
    if not (cfg["WECHAT_APPID"] and cfg["WECHAT_SECRET"]):
        # Switched off on this server: a lasting answer the client should not retry, so a 4xx.
        raise DomainError("微信登录还没有开通，请用手机号验证码登录。", "wechat_not_enabled", 404)
    query = urllib.parse.urlencode({"appid": cfg["WECHAT_APPID"], "secret": cfg["WECHAT_SECRET"],
                                    "js_code": code, "grant_type": "authorization_code"})
    try:
        with urllib.request.urlopen(f"{cfg['WECHAT_CODE2SESSION_URL']}?{query}",
                                    timeout=cfg["WECHAT_TIMEOUT_SECONDS"]) as resp:
            body = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        log.warning("code2session failed: %s", exc)
        raise DomainError(UNREACHABLE[2], UNREACHABLE[1], UNREACHABLE[0]) from None
    errcode = body.get("errcode") or 0
    if errcode or not body.get("openid"):
        status, code_name, message = ERRORS.get(
            errcode, (502, "wechat_error", "微信登录没有成功，请稍后再试。"))
        log.warning("code2session errcode=%s errmsg=%s", errcode, body.get("errmsg"))
        raise DomainError(message, code_name, status)
    # session_key is only needed to decrypt data we do not ask for; it is never stored.
    return WechatSession(openid=body["openid"], unionid=body.get("unionid"))
