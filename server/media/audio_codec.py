"""Recorded voices in, one clean sound out: every clip decoded by FFmpeg (through PyAV) and written anew as AAC in MP4,
mono, ~32 kbit/s, which every browser plays (iPhone's included); nothing of the file as sent survives.

A phone's recording carries the phone's name, the app and sometimes the place in its tags; the clip kept is made
from the decoded samples alone, so none of that is copied. What is refused, and why, in plain words: nothing
(zero bytes, a WAV header with no samples), not a recording (a renamed photo, garbage, a format no browser
records), a video, longer than a minute, silence, or shorter than half a second.

Bounded work whatever is sent: the container is told by its first bytes and FFmpeg opens it with that demuxer
only (never its own guess among hundreds); the length it says is checked before any decoding, and decoding stops
as soon as the samples pass the limit (a WebM from MediaRecorder says no length at all), after too many packets,
or after a wall-clock deadline. At most MAX_BYTES in, at most LIMIT_SECONDS of mono samples held at a time.
"""
import io
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import av

from ..errors import DomainError

MAX_BYTES = 4 * 1024 * 1024
MAX_SECONDS = 60
LIMIT_SECONDS = 62.0  # a minute's recording plus the encoder's slack
MIN_SECONDS = 0.5
SILENT_PEAK = 10 ** (-50 / 20)  # -50 dBFS: full scale is 1.0
RATE = 24_000  # plenty for a voice; AAC-LC at 24 kHz plays everywhere
BIT_RATE = 32_000
FRAME = 1024  # AAC's frame
MAX_CHANNELS = 8
MAX_RATE = 192_000
MAX_PACKETS = 60_000  # a minute of the smallest Opus packets (2.5 ms) is 24,000
DEADLINE_SECONDS = 30.0
CONTENT_TYPE = "audio/mp4"
# The codecs browsers and phones record with (and plain PCM from a WAV); anything else is not a voice recording.
CODECS = {"opus", "vorbis", "aac", "mp3", "mp3float", "flac", "amr_nb", "amrnb", "amr_wb", "amrwb", "pcm_s16le",
          "pcm_u8", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_alaw", "pcm_mulaw"}


class AudioRefused(DomainError):
    status = 422


def too_big_error() -> AudioRefused:
    return AudioRefused(f"录音文件太大了（超过 {MAX_BYTES // (1024 * 1024)} MB），请录短一些，最多 {MAX_SECONDS} 秒。",
                        "audio_too_big", 413)


def _empty() -> AudioRefused:
    return AudioRefused("这段录音是空的，里面没有声音，请重新录一段。", "audio_empty")


def _unreadable() -> AudioRefused:
    return AudioRefused("这个文件不是录音，或者已经坏了，打不开。请重新录一段再发。", "audio_unreadable")


def _too_long() -> AudioRefused:
    return AudioRefused(f"录音太长了：最多 {MAX_SECONDS} 秒。请说得短一些，或者分成几段发。", "audio_too_long")


def sniff(data: bytes) -> str | None:
    """The FFmpeg demuxer for what the first bytes say the file is (None: no recording format we take)."""
    head = data[:12]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML: WebM (Chrome, Firefox, Android) or Matroska
        return "matroska"
    if head[:4] == b"OggS":
        return "ogg"
    if head[4:8] == b"ftyp":  # MP4 / M4A (Safari, iPhone), 3GP (old Android)
        return "mov"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:5] == b"#!AMR":
        return "amr"
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame's sync word
        return "aac" if head[1] & 0x06 == 0 else "mp3"  # layer 00: an ADTS AAC stream
    return None


@dataclass(frozen=True)
class Sound:
    seconds: float  # of mono samples at RATE, as they will be kept
    peak: float  # the loudest sample, full scale 1.0


def check(data: bytes) -> Sound:
    """Decode the whole clip (bounded) and refuse what is no usable voice recording; its length and loudness."""
    seconds, peak = 0.0, 0.0
    for frame in _pcm(data):
        samples = array("f", bytes(frame.planes[0]))[:frame.samples]
        seconds += frame.samples / RATE
        if samples:
            peak = max(peak, max(samples), -min(samples))
    if seconds == 0:
        raise _empty()
    if seconds < MIN_SECONDS:
        raise AudioRefused("录音太短了（不到半秒），请按住按钮把话说完再松开。", "audio_too_short")
    if peak < SILENT_PEAK:
        raise AudioRefused("这段录音听不到声音。请检查手机是否允许用麦克风，靠近一点再录。", "audio_silent")
    return Sound(seconds, peak)


def transcode(data: bytes) -> tuple[bytes, float]:
    """The clip as AAC in MP4, mono, RATE, BIT_RATE, with no tag of the original; (the MP4's bytes, its seconds)."""
    out = io.BytesIO()
    samples = 0
    # bitexact: not even the muxer's own name and version. (The index stays at the end: a clip is fetched whole.)
    with av.open(out, "w", format="mp4", options={"fflags": "+bitexact"}) as target:
        stream = target.add_stream("aac", rate=RATE, layout="mono")
        stream.bit_rate = BIT_RATE
        stream.codec_context.flags |= av.codec.context.Flags.bitexact  # else the encoder writes its name and version
        for frame in _pcm(data):
            frame.pts, frame.time_base = samples, Fraction(1, RATE)
            samples += frame.samples
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return out.getvalue(), samples / RATE


def _open(data: bytes):
    if not data:
        raise _empty()
    if len(data) > MAX_BYTES:
        raise too_big_error()
    demuxer = sniff(data)
    if demuxer is None:
        raise _unreadable()
    try:
        return av.open(io.BytesIO(data), format=demuxer)
    except (av.FFmpegError, ValueError, OSError, UnicodeDecodeError):
        raise _unreadable() from None


def _audio_stream(container):
    videos = [s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic]
    if videos:
        raise AudioRefused("这个文件里有视频画面，这里只收录音。请直接录一段声音再发。", "audio_has_video")
    if not container.streams.audio:
        raise _unreadable()
    stream = container.streams.audio[0]
    context = stream.codec_context
    if context.name not in CODECS or not 0 < (context.sample_rate or 0) <= MAX_RATE \
            or not 0 < context.channels <= MAX_CHANNELS:
        raise _unreadable()
    said = _said_seconds(container, stream)
    if said is not None and said > LIMIT_SECONDS:  # refused before a single sample is decoded
        raise _too_long()
    return stream


def _said_seconds(container, stream) -> float | None:
    """The length the file says it has (None when it says none, as MediaRecorder's WebM)."""
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _pcm(data: bytes) -> Iterator[av.AudioFrame]:
    """The clip's samples as mono float frames at RATE, FRAME samples each; refused as soon as it is too long."""
    container = _open(data)
    try:
        stream = _audio_stream(container)
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=RATE, frame_size=FRAME)
        decoded, packets, started = 0.0, 0, time.monotonic()
        for packet in container.demux(stream):
            packets += 1
            if packets > MAX_PACKETS or time.monotonic() - started > DEADLINE_SECONDS:
                raise _unreadable()
            for frame in packet.decode():
                decoded += frame.samples / (frame.sample_rate or stream.codec_context.sample_rate)
                if decoded > LIMIT_SECONDS:
                    raise _too_long()
                frame.pts = None  # the resampler counts its own time; a file's timestamps may be anything
                yield from resampler.resample(frame)
        yield from resampler.resample(None)
    except (av.FFmpegError, ValueError, OSError, UnicodeDecodeError, ZeroDivisionError):
        raise _unreadable() from None
    finally:
        container.close()
