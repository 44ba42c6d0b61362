"""The questions' side of the audio pipeline (server/media/audio_service.py): attach a question's clips, read their
bytes, register who may hear them."""
from ..media import audio_service

OWNER_KIND = "question_message"


def attach(clip_id: str | None, submission_id: str, message_id: int) -> int | None:
    """Give the clip to the message (in the caller's transaction); its duration in ms, None without a clip."""
    if not clip_id:
        return None
    return audio_service.attach([clip_id], submission_id, OWNER_KIND, message_id)[0].duration_ms


def read_bytes(clip_id: str) -> bytes:
    """The converted clip (audio/mp4) for the asker, whose right to it the caller checked."""
    return audio_service.read_bytes(audio_service.get_clip(clip_id))


def register_reader(reader) -> None:
    """`reader(user, clip)`: who may hear a message's clip, answered by the questions domain (links.py)."""
    audio_service.register_reader(OWNER_KIND, reader)
