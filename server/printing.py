"""What printed papers share (shared ground): the Noto CJK fonts and the QR code.

The event poster (events/poster.py, drawn with Pillow) and the case documents (aid/documents.py, PDF through
WeasyPrint, which finds the font through fontconfig) print Chinese in the same Noto CJK faces; the poster prints
a QR code. Installed by `make system` (fonts-noto-cjk).
"""
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageFont

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


def qr_image(data: str, side: int) -> Image.Image:
    """A black-on-white QR code of `data` (error correction M, a two-module margin), `side` pixels square."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(data)
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    return code.resize((side, side), Image.Resampling.NEAREST)
