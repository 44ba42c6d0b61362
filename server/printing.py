"""What printed papers share (shared ground): the Noto CJK fonts and the QR code.

The event poster (events/poster.py, drawn with Pillow) and the case documents (aid/documents.py, PDF through
WeasyPrint, which finds the font through fontconfig) print Chinese in the same Noto CJK faces; the poster prints
a QR code. Installed by `make system` (fonts-noto-cjk).

WeasyPrint, imported on the first PDF, switches Pillow's LOAD_TRUNCATED_IMAGES on for the whole process (which
would keep cut-off evidence photos, half grey). `weasyprint_html()` imports it and switches that off again, and
`strict_pillow()` (around every decode of an uploaded photo) waits while that import runs, so under gunicorn's
threads a photo is never decoded with the switch on, nor refused with a 500 because it was.
"""
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageFile, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
]
NO_FONT = "no CJK font: install fonts-noto-cjk (make system)"


class FontMissing(RuntimeError):
    pass


def require_cjk_font() -> None:
    """Raise FontMissing unless one of the Noto CJK fonts is installed."""
    if not any(Path(p).exists() for p in FONT_CANDIDATES):
        raise FontMissing(NO_FONT)


@lru_cache(maxsize=8)
def font(size: int) -> ImageFont.FreeTypeFont:
    """The first installed Noto CJK font at `size` pixels, in its Simplified Chinese face."""
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=2)  # index 2: the Simplified Chinese face
    raise FontMissing(NO_FONT)


def wrap(draw, text: str, fnt, width: int) -> list[str]:
    """`text` cut into lines no wider than `width` pixels in `fnt` (character by character: Chinese has no spaces)."""
    lines, line = [], ""
    for ch in text:
        if draw.textlength(line + ch, font=fnt) > width:
            lines.append(line)
            line = ch
        else:
            line += ch
    return lines + ([line] if line else [])


def qr_image(data: str, side: int) -> Image.Image:
    """A black-on-white QR code of `data` (error correction M, a two-module margin), `side` pixels square."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(data)
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    return code.resize((side, side), Image.Resampling.NEAREST)


_pillow = threading.Condition()
_decoding = 0
_importing = False
_wanted = 0  # renders waiting to import: new decodes wait for them, so a stream of uploads cannot starve a PDF
_html = None


@contextmanager
def strict_pillow():
    """Decode inside this: no WeasyPrint import runs meanwhile, and truncated images are refused by Pillow."""
    global _decoding
    with _pillow:
        _pillow.wait_for(lambda: not _importing and not _wanted)
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        _decoding += 1
    try:
        yield
    finally:
        with _pillow:
            _decoding -= 1
            _pillow.notify_all()


def weasyprint_html():
    """WeasyPrint's HTML class, imported once per process while no photo is being decoded, the switch put back off.
    Decodes already running finish first; new ones wait until the import is done."""
    global _importing, _html, _wanted
    with _pillow:
        if _html is not None:
            return _html
        _wanted += 1
        try:
            _pillow.wait_for(lambda: not _importing and (_html is not None or _decoding == 0))
        finally:
            _wanted -= 1
            _pillow.notify_all()
        if _html is not None:
            return _html
        _importing = True
    try:
        from weasyprint import HTML
        _html = HTML
    finally:
        with _pillow:
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            _importing = False
            _pillow.notify_all()
    return HTML
