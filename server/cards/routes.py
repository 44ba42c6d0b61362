"""Card API: topics, search, one card, the offline content pack, the quiz."""
from flask import Request, Response, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from .. import compression, public_reads
from ..files import without_noise
from . import pack_files, service
from .i18n import localise, request_locale
from .schemas import (
    CalculatorRules,
    CardDetail,
    CardPage,
    CardQueryArgs,
    ContentPack,
    LocaleArgs,
    QuizArgs,
    QuizBank,
    QuizList,
    TopicList,
)

blp = Blueprint("cards", __name__, url_prefix="/api/v1", description="普法卡片：主题、搜索、卡片、离线内容包、答题")


def _localised(body):
    locale = request_locale()
    return localise(body, locale), {"Content-Language": locale, "Vary": "Accept-Language"}


@blp.route("/topics")
class Topics(MethodView):
    @blp.arguments(LocaleArgs, location="query")
    @blp.response(200, TopicList)
    def get(self, _args):
        """Card topics with how many cards each holds."""
        return _localised({"items": service.list_topics()})


@blp.route("/cards")
class Cards(MethodView):
    @blp.arguments(CardQueryArgs, location="query")
    @blp.response(200, CardPage)
    def get(self, args):
        """Browse by topic, or search in Chinese (two-character words such as 工资 hit)."""
        locale = request_locale()
        body = service.search_answer(locale, request.query_string, args["q"].strip(), args["topic"], args["page"],
                                     args["page_size"])
        public_reads.keep()
        return _search_response(body, locale)


def _search_response(body: bytes, locale: str) -> Response:
    return Response(body, 200, {"Content-Language": locale, "Vary": "Accept-Language"}, mimetype="application/json")


def search_key(app):
    """What a search answer depends on: the content loaded, the locale, the query string, the scheme."""
    def key(environ):
        digest = service.fresh_digest(app)
        if digest is None:
            return None  # the version may have moved on: let Flask look
        return (digest, request_locale(Request(environ)), environ.get("QUERY_STRING", ""),
                environ.get("wsgi.url_scheme"))
    return key


@blp.route("/cards/<slug>")
class CardView(MethodView):
    @blp.arguments(LocaleArgs, location="query")
    @blp.response(200, CardDetail)
    def get(self, _args, slug):
        """One card with its answer, next steps, citations and related cards."""
        return _localised(service.get_card(slug))


@blp.route("/content/pack")
class Pack(MethodView):
    @blp.arguments(LocaleArgs, location="query")
    @blp.response(200, ContentPack)
    @blp.alt_response(304, description="Not modified: the If-None-Match ETag is current")
    def get(self, _args):
        """Everything the app caches for offline reading; versioned, with an ETag.

        Served gzipped to clients that accept it: this is the largest download a worker makes.
        """
        return send_pack(request_locale())


@blp.route("/content/calculators")
class Calculators(MethodView):
    @blp.arguments(LocaleArgs, location="query")
    @blp.response(200, CalculatorRules)
    @blp.alt_response(304, description="Not modified: the If-None-Match ETag is current")
    def get(self, _args):
        """The calculators' rules (算一算): content/calculators/ as loaded; versioned, with an ETag.

        Not part of the pack (a worker's first visit stays small): the PWA's service worker keeps it a few
        seconds after the first visit, with the calculators' screens, so they open offline.
        """
        return send_pack(request_locale(), "calculators")


@blp.route("/content/quiz")
class QuizContent(MethodView):
    @blp.arguments(LocaleArgs, location="query")
    @blp.response(200, QuizBank)
    @blp.alt_response(304, description="Not modified: the If-None-Match ETag is current")
    def get(self, _args):
        """The whole quiz bank for offline play, as columns (the right answer first); versioned, with an ETag.

        Not part of the pack (a worker's first visit stays small): the PWA's service worker keeps it a few
        seconds after the first visit. GET /quiz draws questions online.
        """
        return send_pack(request_locale(), "quiz")


def send_pack(locale: str, kind: str = "pack") -> Response:
    """The pack file, or the calculators' rules (its Brotli or gzip twin to clients that accept it), 304 when
    If-None-Match is current."""
    files = pack_files.pack_files(locale, kind)
    encoding = compression.pick(request.headers.get("Accept-Encoding"))
    file = files.encoded(encoding)
    etag = files.etag + {"br": "-br", "gzip": "-gz"}.get(encoding or "", "")
    if request.if_none_match.contains(etag):
        # Answered before send_file opens the file: its 304 would leave it open.
        resp = Response(status=304)
        resp.set_etag(etag)
    else:
        # send_file's own Cache-Control is the no-cache the pack needs (revalidated with its ETag).
        resp = without_noise(send_file(file, mimetype="application/json", etag=etag, conditional=True, max_age=None))
    # add(), not set(): none of these is there yet, and each set() scans every header.
    headers = resp.headers
    if encoding:
        headers.add("Content-Encoding", encoding)
    if resp.status_code == 304:
        headers.add("Cache-Control", "no-cache")
    headers.add("Content-Language", files.locale)
    headers.add("Vary", "Accept-Language, Accept-Encoding")
    public_reads.keep(file=file, etag=etag, mimetype="application/json")
    return resp


def pack_args_ok(args) -> bool:
    """What the view's schema allows: no argument but locale, and a locale we serve."""
    locale = args.get("locale")
    return not set(args) - {"locale"} and (locale is None or locale.lower() in ("zh-cn", "zh-tw"))


def pack_read(kind: str = "pack"):
    """The pack (or the calculators' rules) without argument parsing when the query is what the schema allows."""
    return send_pack(request_locale(), kind) if pack_args_ok(request.args) else None


def pack_key(app):
    def key(environ):
        digest = service.fresh_digest(app)
        req = Request(environ)
        if digest is None or not pack_args_ok(req.args):
            return None
        return (digest, request_locale(req), compression.pick(environ.get("HTTP_ACCEPT_ENCODING")),
                environ.get("wsgi.url_scheme"))
    return key


@blp.record_once
def _register_public_reads(state):
    public_reads.replay(state.app, f"{blp.url_prefix}/cards", search_key(state.app))
    public_reads.register(state.app, f"{blp.url_prefix}/content/pack", pack_read)
    public_reads.replay(state.app, f"{blp.url_prefix}/content/pack", pack_key(state.app))
    public_reads.register(state.app, f"{blp.url_prefix}/content/calculators", lambda: pack_read("calculators"))
    public_reads.replay(state.app, f"{blp.url_prefix}/content/calculators", pack_key(state.app))
    public_reads.register(state.app, f"{blp.url_prefix}/content/quiz", lambda: pack_read("quiz"))
    public_reads.replay(state.app, f"{blp.url_prefix}/content/quiz", pack_key(state.app))


@blp.route("/quiz")
class Quiz(MethodView):
    @blp.arguments(QuizArgs, location="query")
    @blp.response(200, QuizList)
    def get(self, args):
        """Questions drawn at random from the quiz bank (for the prize quiz at events)."""
        return _localised({"items": service.draw_quiz(args["count"])})
