"""Card API: topics, search, one card, the offline content pack, the quiz."""
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from . import service
from .i18n import localise, request_locale
from .schemas import CardDetail, CardPage, CardQueryArgs, ContentPack, LocaleArgs, QuizArgs, QuizList, TopicList

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
        return _localised(service.search_cards(args["q"].strip(), args["topic"], args["page"], args["page_size"]))


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
        pack = service.serialised_pack(request_locale())
        headers = {"ETag": pack.etag, "Cache-Control": "no-cache", "Content-Language": pack.locale,
                   "Vary": "Accept-Language, Accept-Encoding"}
        if pack.etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=304, headers=headers)
        body = pack.raw
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body, headers["Content-Encoding"] = pack.gzipped, "gzip"
        return Response(body, 200, headers, mimetype="application/json")


@blp.route("/quiz")
class Quiz(MethodView):
    @blp.arguments(QuizArgs, location="query")
    @blp.response(200, QuizList)
    def get(self, args):
        """Questions drawn at random from the quiz bank (for the prize quiz at events)."""
        return _localised({"items": service.draw_quiz(args["count"])})
