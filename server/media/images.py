"""Evidence photos in, clean JPEGs out: checked by content, bombs refused, every piece of metadata gone.

A photo of an IOU taken on a site carries the site's GPS position, the phone's make and the time
in its EXIF; none of that may be kept. The only thing read from the metadata is the orientation,
applied to the pixels before it is dropped. Re-encoding from pixels writes no EXIF, XMP, ICC,
comment or text chunk, so nothing survives by accident.
"""
import io
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from ..errors import DomainError
from ..printing import strict_pillow

MAX_BYTES = 15 * 1024 * 1024
# Well under Pillow's own bomb limit (about 89 megapixels): a phone's 50 MP sensor passes, a crafted
# 30000×30000 PNG (900 MP decoded from 100 kB) does not.
MAX_PIXELS = 50_000_000
# A PNG or WebP is decoded whole (only a JPEG can be decoded at 1/2, 1/4 or 1/8 size), at 4 bytes a
# pixel and again while made plain RGB: 16 MP (a 1080×14800 long screenshot) costs ~110 MB; the probe's
# 7000×7000 PNG of 190 kB cost ~600 MB. A photo this big is a JPEG from a camera.
MAX_PIXELS_DECODED_WHOLE = 16_000_000
DRAFTABLE = ("JPEG", "MPO")  # MPO: many Android phones
LONGEST_SIDE = 1600
THUMB_SIDE = 320
QUALITY = 82
THUMB_QUALITY = 70
FORMATS = ("JPEG", "PNG", "WEBP")
ORIENTATION = 0x0112


class ImageRefused(DomainError):
    status = 422


class ImagesBusy(DomainError):
    """Every image slot of this process is taken: 503 with Retry-After, the outbox sends the photo again."""

    status = 503
    retry_after = 5

    def __init__(self):
        super().__init__("现在传照片的人多，服务器正忙，请稍等一会儿再传。", "images_busy",
                         headers={"Retry-After": str(self.retry_after)})


_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


@contextmanager
def image_slot(jobs: int, wait: float):
    """One of `jobs` image jobs this process runs at once, waited for up to `wait` seconds, else ImagesBusy.

    Decoding is memory and CPU: threads beyond a few only queue for the cores and add their pixels to
    the worker's peak (four 7000×7000 PNGs at once took one worker to 2.5 GB)."""
    with _slots_lock:
        slots = _slots.setdefault(jobs, threading.BoundedSemaphore(jobs))
    if not slots.acquire(timeout=wait):
        raise ImagesBusy()
    try:
        yield
    finally:
        slots.release()


@dataclass
class Processed:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    source_format: str


def too_big_error() -> ImageRefused:
    return ImageRefused(f"照片太大了（超过 {MAX_BYTES // (1024 * 1024)} MB），请换一张或拍小一点再传。",
                        "file_too_large", 413)


def process(data: bytes) -> Processed:
    """Check, orient, shrink and re-encode one upload; raise ImageRefused with a plain reason."""
    if len(data) > MAX_BYTES:
        raise too_big_error()
    if not data:
        raise ImageRefused("没有收到照片内容，请重新选择照片。", "empty_file")
    with warnings.catch_warnings():
        # Pillow only warns about a possible bomb below twice its limit; here that is a refusal. (Should
        # another thread reset the filter meanwhile, MAX_PIXELS, under Pillow's limit, still refuses it.)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with strict_pillow():  # never while another thread imports WeasyPrint (server/printing.py)
                img, drafted = _open(data)
                return _encode(img, drafted)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _bomb() from None


def _open(data: bytes) -> tuple[Image.Image, bool]:
    """The image decoded, and whether the JPEG decoder already scaled it down."""
    try:
        img = Image.open(io.BytesIO(data), formats=FORMATS)
    except UnidentifiedImageError:
        raise ImageRefused("这个文件不是照片（只收 JPEG、PNG、WebP 图片），请换一张照片。",
                           "not_an_image", 415) from None
    except (OSError, SyntaxError, ValueError):
        raise _broken() from None
    width, height = img.size
    limit = MAX_PIXELS if img.format in DRAFTABLE else MAX_PIXELS_DECODED_WHOLE
    if width < 1 or height < 1 or width * height > limit:
        raise _bomb(limit)
    if img.format in DRAFTABLE and max(width, height) > LONGEST_SIDE:
        # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT, the smallest that keeps the longest side
        # at least 1600 px (Pillow picks the largest 1/s with s <= side // asked; only the long side asks).
        img.draft("RGB", (LONGEST_SIDE, 1) if width >= height else (1, LONGEST_SIDE))
    try:
        img.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _broken() from None
    return img, img.size != (width, height)


def _encode(img: Image.Image, drafted: bool) -> Processed:
    source_format = img.format or ""
    orientation = _orientation(img)
    # Plain RGB (a no-op for a photo), shrink, then turn: turning 1600 px costs a fraction of the original.
    img = _shrink(_rgb(img), LONGEST_SIDE, drafted)
    method = _TURNS.get(orientation)
    if method is not None:
        img = img.transpose(method)
    # The thumbnail from the clean copy, never a second decode: a box reduce, then a short bilinear step.
    thumb = _shrink(img, THUMB_SIDE, drafted=False)
    return Processed(image=_jpeg(img, QUALITY), thumbnail=_jpeg(thumb, THUMB_QUALITY),
                     width=img.width, height=img.height, source_format=source_format)


# EXIF orientation -> the turn that makes the picture stand up (the table ImageOps.exif_transpose uses).
_TURNS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
          5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
          8: Image.Transpose.ROTATE_90}


def _orientation(img: Image.Image) -> int:
    try:
        value = img.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001  unreadable EXIF: the picture is kept as stored, the EXIF dropped anyway
        return 1
    return value if isinstance(value, int) else 1


def _shrink(img: Image.Image, side: int, drafted: bool) -> Image.Image:
    """Longest side at most `side`: whole factors by a box reduce (cheap), the last step under 2x resampled.

    After a JPEG draft the decoder has already scaled by 1/2, 1/4 or 1/8 in the DCT (which filters
    properly), leaving at most 2x (a 12 MP photo: 2000 -> 1600 px); that step is taken by nearest
    neighbour, about 2 ms against 25 ms for bilinear here, and on a photographed IOU the difference is
    under 0.3 dB (31.7 against 31.9 dB PSNR to a Lanczos reference; measured when this was written).
    """
    width, height = img.size
    if max(width, height) <= side:
        return img
    factor = max(width, height) // side
    if factor >= 2:
        img = img.reduce(factor)
        width, height = img.size
        if max(width, height) <= side:
            return img
    scale = side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return img.resize(size, Image.Resampling.NEAREST if drafted else Image.Resampling.BILINEAR)


def _rgb(img: Image.Image) -> Image.Image:
    """Transparent screenshots get a white background (a black one would hide dark text)."""
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img if img.mode == "RGBA" else img.convert("RGBA")  # no copy of the biggest buffer
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # Pillow would carry a JPEG comment over from img.info; with info emptied and no exif=, icc_profile=
    # or comment= passed, the file holds pixels and nothing else.
    img.info = {}
    img.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
    return out.getvalue()


def _bomb(limit: int = MAX_PIXELS) -> ImageRefused:
    return ImageRefused(f"这张图片的像素太多了（超过 {limit // 1_000_000} 百万像素），"
                        "可能不是正常的照片，请换一张或截小一点再传。", "image_too_many_pixels")


def _broken() -> ImageRefused:
    return ImageRefused("这张照片的文件不完整或已损坏，请重新拍一张或重新选择。", "image_broken")
