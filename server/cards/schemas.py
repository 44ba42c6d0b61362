"""The card API's edge: query arguments and response shapes."""
from marshmallow import Schema, fields, validate

from ..inputs import Text

LOCALE = fields.String(load_default=None, validate=validate.OneOf(["zh-CN", "zh-TW", "zh-cn", "zh-tw"]),
                       metadata={"description": "zh-CN (default) or zh-TW; Accept-Language is used otherwise"})


class LocaleArgs(Schema):
    locale = LOCALE


class CardQueryArgs(LocaleArgs):
    q = Text(load_default="", validate=validate.Length(max=100))
    topic = Text(load_default=None, validate=validate.Length(max=64))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10000))
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class QuizArgs(LocaleArgs):
    count = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class TopicSchema(Schema):
    slug = fields.String()
    name = fields.String()
    description = fields.String()
    count = fields.Integer()


class TopicList(Schema):
    items = fields.List(fields.Nested(TopicSchema))


class RelatedCard(Schema):
    slug = fields.String()
    topic = fields.String()
    question = fields.String()
    summary = fields.String()


class CardSummary(RelatedCard):
    tags = fields.List(fields.String())


class CardPage(Schema):
    items = fields.List(fields.Nested(CardSummary))
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
    suggestions = fields.List(fields.Nested(TopicSchema), metadata={"description": "topics, when nothing matched"})


class Citation(Schema):
    law = fields.String()
    article = fields.String(metadata={"description": "the article number; empty for a document cited by its part"})
    section = fields.String(metadata={"description": "the numbered part (第几部分) of a document without articles, "
                                                     "e.g. the 2008 notice on 21.75 days; present only then"})
    label = fields.String()


class NextStep(Schema):
    text = fields.String()
    action = fields.String(metadata={"description": "call | apply | card | go"})
    target = fields.String()


class CardBase(CardSummary):
    answer_html = fields.String()
    caveat = fields.String()
    citations = fields.List(fields.Nested(Citation))
    next_steps = fields.List(fields.Nested(NextStep))


class CardDetail(CardBase):
    related = fields.List(fields.Nested(RelatedCard))


class PackCitation(Schema):
    law = fields.String()
    article = fields.String(metadata={"description": "the article number; empty for a document cited by its part"})
    section = fields.String(metadata={"description": "the numbered part (第几部分) of a document without articles; "
                                                     "present only then"})


class PackCards(Schema):
    """The cards as columns: card i is the i-th entry of every list (in topic order)."""

    slug = fields.List(fields.String())
    topic = fields.List(fields.String())
    question = fields.List(fields.String())
    summary = fields.List(fields.String())
    tags = fields.List(fields.List(fields.String()))
    answer_html = fields.List(fields.String())
    caveat = fields.List(fields.String())
    citations = fields.List(fields.List(fields.Nested(PackCitation)), metadata={
        "description": "without labels: the app writes 《法》第几条 from law and article"})
    next_steps = fields.List(fields.List(fields.Nested(NextStep)))
    related = fields.List(fields.List(fields.String()), metadata={"description": "slugs of related cards"})
    priority = fields.List(fields.Integer(), metadata={"description": "breaks ties between equal search hits, "
                                                                      "higher first"})
    centrality = fields.List(fields.Integer(), metadata={"description": "cards of its topic pointing to it; "
                                                                        "the next tie-break"})


class Synonym(Schema):
    term = fields.String()
    aliases = fields.List(fields.String())


class QuizQuestionSchema(Schema):
    id = fields.String()
    card = fields.String()
    question = fields.String()
    options = fields.List(fields.String())
    answer = fields.String()
    explanation = fields.String()


class QuizList(Schema):
    items = fields.List(fields.Nested(QuizQuestionSchema))


class PackQuiz(Schema):
    """The quiz bank as columns: question i is the i-th entry of every list."""

    card = fields.List(fields.String())
    question = fields.List(fields.String())
    options = fields.List(fields.List(fields.String()), metadata={"description": "the right answer first"})
    explanation = fields.List(fields.String())


class ContentPack(Schema):
    version = fields.String()
    locale = fields.String()
    topics = fields.List(fields.Nested(TopicSchema))
    cards = fields.Nested(PackCards)
    synonyms = fields.List(fields.Nested(Synonym), metadata={"description": "what workers type for the cards' words"})


class QuizBank(Schema):
    version = fields.String(metadata={"description": "the content version, as the pack's"})
    locale = fields.String()
    quiz = fields.Nested(PackQuiz)


class CalculatorRules(Schema):
    version = fields.String(metadata={"description": "the content version, as the pack's"})
    locale = fields.String()
    calculators = fields.Dict(metadata={"description": "content/calculators/ as loaded: each calculator's rules "
                                                       "(value, cite with labels, note), holidays and regions; "
                                                       "the rules the PWA's calculators take (README there)"})
