"""Draws the app icon and writes the two sizes browsers ask for into pwa/public/.

One source: the drawing below (a white speech bubble with a green hard hat: "plain law
answers for site workers"), at 1024 px, scaled down with Lanczos. No fonts, so the result
is the same on every machine. Run: `npm run icons` (needs Pillow); the PNGs are committed.

Two files only, 192 and 512 px, full-bleed green with the glyph inside the maskable safe
circle, so one drawing serves as "any" and "maskable" icon and as the apple-touch-icon.
They are flat colours, so a 32-colour palette keeps them sharp at a fraction of the bytes.
favicon.ico, which every first visit downloads, is one 32 px palette PNG (the size index.html names):
~0.5 KB, not the 2.2 KB of Pillow's 16 and 32 px RGBA pair.
"""
import io
import struct
from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (7, 193, 96, 255)  # WeUI primary
DARK = (5, 122, 60, 255)
WHITE = (255, 255, 255, 255)
S = 1024
OUT = Path(__file__).resolve().parent.parent / "public"


def glyph(draw: ImageDraw.ImageDraw, cx: float, cy: float, k: float) -> None:
    """The bubble and the hat, centred on (cx, cy), k = width of the bubble."""
    def box(x0, y0, x1, y1):
        return [cx + x0 * k, cy + y0 * k, cx + x1 * k, cy + y1 * k]

    # Speech bubble with a tail at the lower left.
    draw.rounded_rectangle(box(-0.5, -0.42, 0.5, 0.34), radius=0.2 * k, fill=WHITE)
    draw.polygon([(cx - 0.3 * k, cy + 0.3 * k), (cx - 0.36 * k, cy + 0.52 * k),
                  (cx - 0.08 * k, cy + 0.32 * k)], fill=WHITE)
    # Hard hat: dome with a white ridge, then the brim.
    draw.pieslice(box(-0.3, -0.24, 0.3, 0.36), 180, 360, fill=GREEN)
    draw.rectangle(box(-0.035, -0.26, 0.035, 0.06), fill=WHITE)
    draw.rounded_rectangle(box(-0.4, 0.04, 0.4, 0.15), radius=0.05 * k, fill=DARK)


def icon(maskable: bool) -> Image.Image:
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        d.rectangle([0, 0, S, S], fill=GREEN)
        glyph(d, S / 2, S / 2, S * 0.56)  # inside the 80 % safe circle
    else:
        d.rounded_rectangle([0, 0, S - 1, S - 1], radius=S * 0.22, fill=GREEN)
        glyph(d, S / 2, S / 2, S * 0.7)
    return img


def save(img: Image.Image, size: int, name: str) -> None:
    out = img.resize((size, size), Image.LANCZOS).convert("RGB")
    out = out.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out.save(OUT / name, optimize=True)


def favicon(img: Image.Image) -> bytes:
    """An ICO holding one 32 px PNG with a palette (transparent corners kept): every browser reads PNG in ICO."""
    small = img.resize((32, 32), Image.LANCZOS).quantize(colors=32, method=Image.Quantize.FASTOCTREE,
                                                         dither=Image.Dither.NONE)
    png = io.BytesIO()
    small.save(png, "PNG", optimize=True)
    body = png.getvalue()
    # ICONDIR (reserved, type 1 = icon, one image), then its ICONDIRENTRY: 32x32, no palette count,
    # 1 plane, 32 bpp, the PNG's size and where it starts.
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 32, 32, 0, 0, 1, 32, len(body), 22) + body


def main() -> None:
    (OUT / "icons").mkdir(parents=True, exist_ok=True)
    mask = icon(True)
    save(mask, 192, "icons/icon-192.png")
    save(mask, 512, "icons/icon-512.png")
    (OUT / "favicon.ico").write_bytes(favicon(icon(False)))
    print("icons written to", OUT)


if __name__ == "__main__":
    main()
