"""Real sound files made in the test, as browsers record them and as attackers would send them."""
import functools
import io
import math
import struct
import wave
from fractions import Fraction

import av
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart


def tone(seconds: float, rate: int = 16_000, amplitude: float = 0.5, freq: int = 500) -> bytes:
    """Signed 16-bit mono samples of a sine tone (one period repeated: a minute is made at once)."""
    period = [int(amplitude * 32767 * math.sin(2 * math.pi * i / (rate // freq))) for i in range(rate // freq)]
    count = int(seconds * rate)
    whole = struct.pack(f"<{len(period)}h", *period)
    return (whole * (count // len(period) + 1))[:count * 2]


def wav(seconds: float, rate: int = 16_000, amplitude: float = 0.5) -> bytes:
    """A WAV written with Python's own `wave` module: a sine tone."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(tone(seconds, rate, amplitude) if amplitude else b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


def wav_header_only() -> bytes:
    """A WAV header that promises samples and has none."""
    return wav(1.0)[:44]


@functools.lru_cache(maxsize=2)
def wav_two_hours(rate: int = 400) -> bytes:
    """A real two-hour WAV (8-bit, 400 samples a second: 2.9 MB, under the size limit), every sample there."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(bytes((128 + int(60 * math.sin(i)) for i in range(64))) * (7200 * rate // 64))
    return out.getvalue()


def wav_claiming(seconds: float, body_seconds: float, rate: int = 8000) -> bytes:
    """A WAV whose header says `seconds` long over a real body of `body_seconds` of tone."""
    data = bytearray(wav(body_seconds, rate))
    claimed = int(seconds * rate * 2)
    struct.pack_into("<I", data, 4, min(claimed + 36, 0xFFFFFFFF))
    struct.pack_into("<I", data, 40, min(claimed, 0xFFFFFFFF))
    return bytes(data)


def encoded(container: str, codec: str, seconds: float, rate: int = 48_000, amplitude: float = 0.5,
            video: bool = False, metadata: dict | None = None, live: bool = False) -> bytes:
    """A clip as a browser's MediaRecorder writes it (Opus in WebM or Ogg, AAC in MP4), made with PyAV; with
    `video`, a few frames of MPEG-4 video beside it; `live`: a WebM that says no length, as Chrome's does."""
    out = io.BytesIO()
    with av.open(out, "w", format=container, options={"live": "1"} if live else {}) as target:
        target.metadata.update(metadata or {})
        stream = target.add_stream(codec, rate=rate, layout="mono")
        if video:
            picture = target.add_stream("mpeg4", rate=10)
            picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        size = stream.codec_context.frame_size or 960
        samples = tone(seconds, rate, amplitude)
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
        for start in range(0, len(samples) // 2, size):
            chunk = samples[start * 2:(start + size) * 2]
            frame = av.AudioFrame(format="s16", layout="mono", samples=len(chunk) // 2)
            frame.planes[0].update(chunk)
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            for ready in resampler.resample(frame):
                target.mux(stream.encode(ready))
        target.mux(stream.encode(None))
        if video:
            for n in range(10):
                image = av.VideoFrame(64, 48, "yuv420p")
                image.pts = n
                target.mux(picture.encode(image))
            target.mux(picture.encode(None))
    return out.getvalue()


def decoded(data: bytes) -> tuple[str, int, float, int]:
    """What PyAV reads back: (codec, channels, seconds of samples, sample rate)."""
    with av.open(io.BytesIO(data)) as source:
        stream = source.streams.audio[0]
        samples = sum(frame.samples for frame in source.decode(stream))
        rate = stream.codec_context.sample_rate
        return stream.codec_context.name, stream.codec_context.channels, samples / rate, rate


def post_clip(client, data: bytes, *, clip_id: str, submission_id: str, name="voice.webm",
              content_type="audio/webm", headers=None):
    """POST /api/v1/audio as a browser's FormData does (the body built in memory, as tests/photos.py does)."""
    boundary, body = encode_multipart({"id": clip_id, "submission_id": submission_id,
                                       "file": FileStorage(io.BytesIO(data), name, content_type=content_type)})
    return client.post("/api/v1/audio", data=body, content_type=f"multipart/form-data; boundary={boundary}",
                       headers=headers or {})
