"""The quiz prize handed over, as `/sync` applies it: an offline operation of the check-in page, in the same batch
as the check-ins, its attendee locked by the same `lock_attendees` (so two devices marking one person queue up).

Once per attendance: a second mark (another device, or the same one again) is answered "已经领过" and changes
nothing but, as a second check-in does, an earlier device time.
"""
from ..clock import aware
from ..errors import DomainError
from ..extensions import db
from ..sync import registry
from . import offline
from .models import QuizResult
from .schemas import CheckinOp

ALREADY = "这位工友已经领过奖品了，不要重复发。"


def give_prize(op: dict, batch) -> dict:
    event = offline._event(op, batch)
    attendee = offline._attendee(op, event, batch)
    if event.quiz is None:
        raise DomainError("这场活动没有知识问答，没有奖品可发。", code="no_quiz")
    result = db.session.scalar(db.select(QuizResult).where(QuizResult.attendee_id == attendee.id))
    if result is None:
        # 409, not kept: the attendee's answers may still be on their way from their phone; sent again later.
        raise DomainError("还没收到这位工友的答卷，等他的手机联网交卷后再发奖品。", code="quiz_not_in", status=409)
    if not result.passed:
        raise DomainError(f"这位工友答对 {result.score} 题，没有及格，不能领奖品。", code="quiz_not_passed")
    state = offline._state(batch)
    state.touched.add(attendee.id)
    out = {"attendee_id": attendee.id, "qr_token": attendee.qr_token}
    if result.prize_at is not None:
        if aware(op["device_time"]) < aware(result.prize_at):
            result.prize_at, result.prize_device_id = op["device_time"], batch.device_id
        return out | {"status": "duplicate", "message": ALREADY, "prize_at": aware(result.prize_at).isoformat()}
    result.prize_at, result.prize_device_id = op["device_time"], batch.device_id
    result.prize_operation_id, result.prize_by_user_id = op["id"], batch.user_id
    return out | {"status": "applied", "message": "已发奖品", "prize_at": aware(result.prize_at).isoformat()}


def register_operations() -> None:
    """Called with the events domain's other operations (offline.register_operations)."""
    registry.register("prize", CheckinOp, give_prize, prepare=offline.lock_attendees, finish=offline.write_checkins,
                      private=("qr_token",), replay=offline.replay_with_token)
