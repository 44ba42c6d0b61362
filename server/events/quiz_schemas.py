"""The prize quiz's edge: its settings on an event, the questions a phone gets, an attendee's answers and result."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..inputs import Text, When
from . import quiz
from .quiz import MAX_QUESTIONS


class QuizSettings(Schema):
    """有奖知识问答 at this event: how many questions, how many right answers pass, which topics (none: all)."""

    question_count = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_QUESTIONS))
    pass_mark = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_QUESTIONS),
                               metadata={"description": "right answers needed to pass (and get the prize)"})
    topics = fields.List(Text(validate=validate.Length(min=1, max=96)), load_default=list,
                         validate=validate.Length(max=30), metadata={"description": "topic slugs; empty: every topic"})

    @validates_schema
    def _pass_within(self, data, **_kw):
        if data.get("pass_mark", 0) > data.get("question_count", MAX_QUESTIONS):
            raise ValidationError("及格题数不能多于题目数。", "pass_mark")


class QuizQuestionOut(Schema):
    id = fields.String()
    question = fields.String()
    options = fields.List(fields.String(), metadata={"description": "in the order every attendee sees them"})


class QuizOut(Schema):
    question_count = fields.Integer()
    pass_mark = fields.Integer()
    topics = fields.List(fields.String())
    questions = fields.List(fields.Nested(QuizQuestionOut), metadata={"description": "without their answers"})


class QuizField(fields.Nested):
    """EventOut's `quiz`: the event's quiz as an attendee's phone keeps it, without answers (null: no quiz)."""

    def __init__(self):
        super().__init__(QuizOut, allow_none=True, dump_only=True,
                         metadata={"description": "有奖知识问答 (null: none)"})

    def get_value(self, obj, attr, accessor=None, default=None):
        return quiz.view(obj)


class QuizAnswer(Schema):
    id = Text(required=True, validate=validate.Length(min=1, max=96), metadata={"description": "the question's id"})
    answer = Text(required=True, validate=validate.Length(max=255), metadata={"description": "the option chosen"})


class QuizAnswersIn(Schema):
    qr_token = Text(required=True, validate=validate.Length(min=1, max=64),
                    metadata={"description": "the attendee's sign-up token: which attendance this is"})
    answers = fields.List(fields.Nested(QuizAnswer), required=True, validate=validate.Length(max=MAX_QUESTIONS))
    answered_at = When(load_default=None, metadata={"description": "when the attendee handed it in on the phone"})


class QuizResultQuestion(Schema):
    id = fields.String()
    question = fields.String()
    chosen = fields.String(allow_none=True)
    answer = fields.String()
    right = fields.Boolean()
    explanation = fields.String()


class QuizResultOut(Schema):
    event_id = fields.Integer()
    score = fields.Integer(metadata={"description": "right answers, as the server scored them"})
    total = fields.Integer()
    pass_mark = fields.Integer(allow_none=True)
    passed = fields.Boolean()
    prize_given = fields.Boolean()
    answered_at = fields.DateTime()
    questions = fields.List(fields.Nested(QuizResultQuestion))
