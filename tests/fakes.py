"""Stand-ins for the outside services the app talks to: an SMS gateway and WeChat's code2session.

Code2Session speaks code2session's real request and answer:

GET /sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code
200 text/plain {"session_key", "openid", "unionid"?}   or   {"errcode": 40029, "errmsg": "invalid code, rid: ..."}
Each code works once (a second use answers 40163, as WeChat does); codes named in `errors`
answer that errcode (40029 invalid, 45011 frequency limit, -1 system busy, ...).
"""
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

APPID, SECRET = "wx0123456789abcdef", "test-app-secret-0123456789abcdef"
ERRMSG = {40029: "invalid code", 40163: "code been used",
          45011: "api minute-quota reach limit mustslower retry next minute",
          40226: "high risk user", -1: "system error", 40013: "invalid appid", 40125: "invalid appsecret"}


class Code2Session(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.users = {}   # js_code -> (openid, unionid or None)
        self.errors = {}  # js_code -> errcode
        self.used = set()
        self.requests = []
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sns/jscode2session"

    def login_code(self, openid: str, unionid: str | None = None) -> str:
        """What wx.login() would hand the mini-program for this WeChat user."""
        code = uuid.uuid4().hex[:32]
        self.users[code] = (openid, unionid)
        return code

    def answer(self, query: dict) -> dict:
        if query.get("appid") != APPID:
            return _error(40013)
        if query.get("secret") != SECRET:
            return _error(40125)
        code = query.get("js_code", "")
        if query.get("grant_type") != "authorization_code" or not code:
            return _error(40029)
        if code in self.errors:
            return _error(self.errors[code])
        if code in self.used:
            return _error(40163)
        if code not in self.users:
            return _error(40029)
        self.used.add(code)
        openid, unionid = self.users[code]
        body = {"session_key": "tiihtNczf5v6AKRyjwEUhQ==", "openid": openid}
        if unionid:
            body["unionid"] = unionid
        return body


def _error(errcode: int) -> dict:
    return {"errcode": errcode, "errmsg": f"{ERRMSG.get(errcode, 'error')}, rid: {uuid.uuid4().hex[:24]}"}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802  (http.server's naming)
        parts = urlsplit(self.path)
        if parts.path != "/sns/jscode2session":
            self.send_error(404)
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.server.requests.append({"method": "GET", "path": parts.path, "query": query})
        body = json.dumps(self.server.answer(query)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")  # WeChat labels its JSON as text/plain
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


class SmsOutbox(list):
    """An SMS sender that records the codes instead of texting them (SMS_SENDER="tests.fakes:SmsOutbox")."""

    def __init__(self, config=None):
        super().__init__()

    def send_code(self, phone, code, ttl_minutes):
        self.append({"phone": phone, "code": code, "ttl_minutes": ttl_minutes})

    def last_code(self, phone):
        return next(m["code"] for m in reversed(self) if m["phone"] == phone)

    def send_text(self, phone, text):
        self.append({"phone": phone, "text": text})
