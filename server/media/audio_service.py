"""Voice clips: accepted and checked at once, converted by a job, attached by the domain they belong to, heard through
that domain's reader, swept when nobody claimed them within a day.

What other domains use (the names are the contract): `attach`, `get_clip`, `read_bytes`, `register_reader`.
Media knows nothing of questions or cases: the domain that owns clips of a kind registers, at start-up, the function
that says whether a user may hear one (raising 404 or 403) and writes the listen to the audit log.

Order, as for photos (service.py): the bytes as sent are stored before the row that points to them is committed;
the job writes the MP4 before the row says `ready`, then removes the bytes as sent; the sweep deletes the row
(only while still unattached) before its files. A file no row points to is taken by `sweep_orphan_files`.
"""
import hashlib
from datetime import timedelta
from typing import Callable

from flask import current_app

from .. import jobs
from ..db import utcnow
from ..errors import DomainError, NotFound
from ..extensions import db
from . import audio_codec, images
from .audio_models import CONVERTING, READY, AudioClip
from .storage import MissingFile, new_key, storage
from .storage import delete_quietly as _delete_files

UNATTACHED_FOR = timedelta(days=1)
CONVERT_AGAIN_AFTER = timedelta(minutes=10)  # a conversion the queue lost (Redis down at the time) is asked again
CONVERT_JOB = "media.audio_convert"

# (the signed-in user, the clip): raises DomainError (404 / 403) when they may not hear it; else audits the listen.
Reader = Callable[[object, AudioClip], None]
READERS: dict[str, Reader] = {}


def register_reader(owner_kind: str, fn: Reader) -> None:
    """Make `fn` the one asked whether a user may hear a clip attached to an owner of this kind (replaces)."""
    READERS[owner_kind] = fn


def register_jobs() -> None:
    jobs.register(CONVERT_JOB, convert, label="把录音转成各种手机都能播放的格式")


class AudioBusy(DomainError):
    """Every media slot of this process is taken: 503 with Retry-After, the outbox sends the clip again."""

    status = 503

    def __init__(self):
        super().__init__("现在发录音的人多，服务器正忙，请稍等一会儿再发（录音不会丢）。", "audio_busy",
                         headers={"Retry-After": "5"})


def _slot():
    """One of the process's media slots (shared with photos: decoding is CPU and memory either way)."""
    return images.image_slot(current_app.config["IMAGE_JOBS"], current_app.config["IMAGE_WAIT_SECONDS"])


def accept_clip(clip_id: str, submission_id: str, data: bytes) -> tuple[AudioClip, bool]:
    """Check one clip and keep it under its client id; (clip, replayed). A retry with the same bytes is the same clip.
    Refused at once with a plain reason when it is no usable recording; converted now (jobs inline) or by the queue."""
    digest = hashlib.sha256(data).hexdigest()
    existing = db.session.get(AudioClip, clip_id)
    if existing is not None:
        return _same_or_refuse(existing, digest, submission_id), True
    try:
        with _slot():
            sound = audio_codec.check(data)
    except images.ImagesBusy:
        raise AudioBusy() from None
    source_key = new_key(".src")
    try:
        storage().put(source_key, data, "application/octet-stream")
    except BaseException:
        _delete_files(source_key)
        raise
    clip = AudioClip(id=clip_id, submission_id=submission_id, sha256=digest, source_key=source_key,
                     duration_ms=round(sound.seconds * 1000), bytes_in=len(data), state=CONVERTING)
    db.session.add(clip)
    try:
        db.session.commit()
    except BaseException:
        # The same id arrived twice at once and the other one won (or the database is gone): ours is an orphan.
        db.session.rollback()
        _delete_files(source_key)
        existing = db.session.get(AudioClip, clip_id)
        if existing is None:
            raise
        return _same_or_refuse(existing, digest, submission_id), True
    jobs.enqueue(CONVERT_JOB, clip_id)
    return clip, False


def _same_or_refuse(existing: AudioClip, digest: str, submission_id: str) -> AudioClip:
    if existing.sha256 != digest or existing.submission_id != submission_id:
        raise DomainError("这个录音编号已经用于另一段录音，请重新录一段再发。", "audio_id_reused")
    return existing


def convert(clip_id: str) -> None:
    """The job: the clip as sent → AAC in MP4 (audio_codec.transcode), stored; the bytes as sent removed. A second
    run, or a clip already swept, does nothing."""
    clip = db.session.get(AudioClip, clip_id)
    if clip is None or clip.state != CONVERTING:
        return
    source_key = clip.source_key
    data = storage().get(source_key)
    try:
        with _slot():
            mp4, seconds = audio_codec.transcode(data)
    except images.ImagesBusy:
        raise AudioBusy() from None
    key = new_key(".m4a")
    store = storage()
    try:
        store.put(key, mp4, audio_codec.CONTENT_TYPE)
    except BaseException:
        _delete_files(key)
        raise
    done = db.session.execute(db.update(AudioClip).where(AudioClip.id == clip_id, AudioClip.state == CONVERTING)
                              .values(key=key, source_key="", state=READY, bytes_out=len(mp4),
                                      duration_ms=round(seconds * 1000))).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    _delete_files(source_key if done else key)  # a second run that lost the race leaves the first one's MP4


def attach(clip_ids: list[str], submission_id: str, owner_kind: str, owner_id: int) -> list[AudioClip]:
    """Claim clips for an owner in the caller's transaction (again for the same owner: the same answer); a clip that
    is unknown, swept, sent with another submission or already another owner's: 422 audio_unknown."""
    if not clip_ids:
        return []
    rows = {c.id: c for c in db.session.scalars(db.select(AudioClip).where(AudioClip.id.in_(clip_ids))
                                                .with_for_update())}
    unknown = [i for i in clip_ids if i not in rows or rows[i].submission_id != submission_id
               or rows[i].owner_kind not in (None, owner_kind) or rows[i].owner_id not in (None, owner_id)]
    if unknown:
        raise DomainError("有录音还没有传到服务器（或已经过期），请重新录一段再发。", "audio_unknown",
                          errors={"json": {"audio_id": [f"找不到录音 {i}。" for i in unknown]}})
    now = utcnow()
    for clip in rows.values():
        if clip.owner_kind is None:
            clip.owner_kind, clip.owner_id, clip.attached_at = owner_kind, owner_id, now
    return [rows[i] for i in clip_ids]


def get_clip(clip_id: str) -> AudioClip:
    clip = db.session.get(AudioClip, clip_id)
    if clip is None:
        raise NotFound("没有找到这段录音。", "audio_not_found")
    return clip


def read_bytes(clip: AudioClip) -> bytes:
    """The converted MP4 (409 audio_converting with Retry-After while the job has not made it yet)."""
    if clip.state != READY:
        raise DomainError("这段录音还在转换格式，请过几秒钟再听。", "audio_converting", 409,
                          headers={"Retry-After": "5"})
    try:
        return storage().get(clip.key)
    except MissingFile:
        raise NotFound("这段录音的文件找不到了，请联系管理员。", "audio_file_missing") from None


def hear(user, clip_id: str) -> bytes:
    """GET /audio/{id}: the MP4, once the reader of the clip's owner allowed this user and audited the listen. A clip
    not attached yet, or of a kind no domain reads, is not found (as one that does not exist)."""
    clip = get_clip(clip_id)
    reader = READERS.get(clip.owner_kind or "")
    if reader is None or clip.owner_id is None:
        raise NotFound("没有找到这段录音。", "audio_not_found")
    reader(user, clip)
    db.session.commit()  # the listen is in the audit log before the sound leaves
    return read_bytes(clip)


def sweep(now=None) -> int:
    """Remove clips never attached within a day (attached ones are never touched), then ask again for conversions
    the queue lost. The number of clips removed."""
    now = now or utcnow()
    stale = db.session.execute(db.select(AudioClip.id, AudioClip.key, AudioClip.source_key).where(
        AudioClip.owner_kind.is_(None), AudioClip.created_at < now - UNATTACHED_FOR)).all()
    removed = 0
    for clip_id, key, source_key in stale:
        # Conditional: a domain attaching it this very moment keeps it.
        gone = db.session.execute(db.delete(AudioClip).where(AudioClip.id == clip_id,
                                                             AudioClip.owner_kind.is_(None))).rowcount  # type: ignore[attr-defined]
        db.session.commit()
        if gone:
            _delete_files(key, source_key)
            removed += 1
    stuck = db.session.scalars(db.select(AudioClip.id).where(AudioClip.state == CONVERTING,
                                                             AudioClip.created_at < now - CONVERT_AGAIN_AFTER)).all()
    db.session.rollback()  # end the read before the jobs run
    for clip_id in stuck:
        jobs.enqueue(CONVERT_JOB, clip_id)
    return removed


def kept_keys(keys: list[str]) -> set[str]:
    """Which of these storage keys a clip points to (the orphan sweep keeps them)."""
    kept = set(db.session.scalars(db.select(AudioClip.key).where(AudioClip.key.in_(keys))))
    return kept | set(db.session.scalars(db.select(AudioClip.source_key).where(AudioClip.source_key.in_(keys))))
