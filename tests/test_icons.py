"""The app's icons as committed in pwa/public (drawn by pwa/scripts/make_icons.py)."""
import io
import struct
from pathlib import Path

from PIL import Image

PUBLIC = Path(__file__).resolve().parent.parent / "pwa" / "public"


def test_the_favicon_is_one_small_32px_png_every_browser_reads():
    """Every first visit downloads /favicon.ico (the browser asks for it): one 32 px image, the size
    index.html names, as a palette PNG inside the ICO, not 2.2 KB of 16 and 32 px RGBA (issue 18, item 29)."""
    data = (PUBLIC / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    width, height, *_rest, size, offset = struct.unpack("<BBBBHHII", data[6:22])
    assert (width, height) == (32, 32) and offset + size == len(data)
    png = data[offset:]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:  # as a browser reads it (Pillow's ICO reader drops tRNS)
        img = image.convert("RGBA")
    assert img.size == (32, 32)
    assert img.getpixel((0, 0))[3] == 0 and img.getpixel((16, 2))[3] > 250  # rounded corners, a solid top
    assert len(data) <= 800
