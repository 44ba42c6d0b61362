"""What questions give the other domains at start-up: the application a worker completes from a question
(server/question_links.py), who may hear a question's voice (the audio pipeline's reader), and the phone an answer's
text goes to (aid's notifications)."""
import hmac

from .. import question_links
from ..accounts import audit
from ..aid import access, codes
from ..aid.cases import notifications
from ..errors import DomainError, NotFound
from ..extensions import db
from ..media import service as media
from ..offices import scope
from ..pii import lookup_hash
from . import answers, queue, voice
from .models import Question, QuestionMessage

NOT_YOURS = "没有找到这条咨询：请核对查询码，提交申请的手机号要和咨询时留的一样。"


def link_application(application, code: str, phone: str) -> None:
    """The worker's application from their question (the same phone): linked once, the question closed, its photos
    the application's evidence; its voice is heard through the case (audio_for, hear)."""
    question = db.session.scalars(db.select(Question).where(Question.code == codes.normalise(code))
                                  .with_for_update()).one_or_none()
    if question is None or not hmac.compare_digest(question.phone_hash or "", lookup_hash(phone)):
        raise DomainError(NOT_YOURS, "question_not_found", errors={"json": {"question_code": [NOT_YOURS]}})
    if question.application_id not in (None, application.id):
        raise DomainError("这条咨询已经转为法律援助申请了，请用查询码查进度。", "question_converted", 409)
    question.application_id, question.status = application.id, "closed"
    queue.release_claim(question, "closed")
    media.attach(list(question.upload_ids or []), question.client_id, application.id)


def audio_for(application_id: int) -> list[dict]:
    rows = db.session.execute(db.select(QuestionMessage.audio_id, QuestionMessage.duration_ms)
                              .join(Question, Question.id == QuestionMessage.question_id)
                              .where(Question.application_id == application_id, QuestionMessage.author == "asker",
                                     QuestionMessage.audio_id.is_not(None)).order_by(QuestionMessage.id)).all()
    return [{"id": clip_id, "duration_ms": ms} for clip_id, ms in rows]


def hear(user, clip) -> None:
    """A question's clip: its office's answerers, or after conversion the case's readers; every listen audited."""
    message = db.session.get(QuestionMessage, clip.owner_id) if clip.owner_id else None
    question = db.session.get(Question, message.question_id) if message is not None else None
    if question is None or user is None:
        raise NotFound("没有找到这段录音。", "audio_not_found")
    if user.role in queue.ANSWERER_ROLES and scope.sees(user, question.office_id):
        audit.record_view(user, "listen", "question_audio", clip.id, {"question": question.id})
        db.session.commit()
        return
    if question.application_id is None:
        raise NotFound("没有找到这段录音。", "audio_not_found")
    # After conversion: the case's readers (its handlers, the assigned lawyer), as for its photos.
    access.read_case(user, question.application_id, "listen", ("question_audio", clip.id), question=question.id)


def register() -> None:
    question_links.register(link_application=link_application, audio_for=audio_for)
    notifications.RECIPIENTS["question"] = answers.recipient
    voice.register_reader(hear)
