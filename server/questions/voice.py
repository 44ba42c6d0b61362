"""The seam to the audio pipeline (server/media/audio_service.py, issue 22's h22-audio part): attach a question's
clips, read their bytes, register who may hear them. Imported by name at call time, so this package works (with
no voice) in a build that does not have the pipeline yet: a clip named then is refused as unknown."""
import importlib
from types import ModuleType

from ..errors import DomainError

OWNER_KIND = "question_message"
UNKNOWN = "录音还没有传到服务器（或已过期），请重新录一次再发送。"


def _service() -> ModuleType | None:
    try:
        return importlib.import_module("server.media.audio_service")
    except ModuleNotFoundError:
        return None


def attach(clip_id: str | None, submission_id: str, message_id: int) -> int | None:
    """Give the clip to the message (in the caller's transaction); its duration in ms, None without a clip."""
    if not clip_id:
        return None
    service = _service()
    if service is None:
        raise DomainError(UNKNOWN, "audio_unknown", errors={"json": {"audio_id": [UNKNOWN]}})
    clip = service.attach([clip_id], submission_id, OWNER_KIND, message_id)[0]
    return clip.duration_ms


def read_bytes(clip_id: str) -> bytes:
    """The converted clip (audio/mp4) for the asker, whose right to it the caller checked."""
    service = _service()
    if service is None:
        raise DomainError("没有找到这段录音。", "audio_not_found", 404)
    return service.read_bytes(service.get_clip(clip_id))


def register_reader(reader) -> None:
    """`reader(user, clip)`: who may hear a message's clip, answered by the questions domain (links.py)."""
    service = _service()
    if service is not None:
        service.register_reader(OWNER_KIND, reader)
