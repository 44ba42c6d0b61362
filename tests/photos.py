"""Real image files made in the test, as phones and attackers would send them."""
import functools
import io
import struct
import zlib

from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


@functools.lru_cache(maxsize=8)  # a 12 MP photo takes seconds to make; tests share it
def jpeg(width=4000, height=3000, orientation=1, gps=True, quality=85, comment=b"") -> bytes:
    """A photo as a phone takes it: noisy enough to be a real JPEG, with EXIF (GPS, make, orientation).

    The top-left quarter is blue so a test can tell where "up" went after the orientation is applied.
    """
    img = Image.effect_noise((width, height), 40).convert("RGB")
    img.paste((0, 0, 255), (0, 0, width // 4, height // 4))
    exif = img.getexif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "TestPhone"
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, exif=exif, comment=comment)
    return out.getvalue()


def png(width=800, height=600, alpha=True) -> bytes:
    img = Image.new("RGBA" if alpha else "RGB", (width, height), (10, 120, 30, 0) if alpha else (10, 120, 30))
    img.paste((200, 0, 0, 255) if alpha else (200, 0, 0), (0, 0, width // 2, height // 2))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def png_bomb(side=20000) -> bytes:
    """A real decompression bomb: a valid 1-bit PNG of side×side black pixels, 50 MB of pixels in about 50 kB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row * 1000) for _ in range(side // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def id_number(birth="19900307", serial="123", region="110105") -> str:
    """A synthetic ID number with the right check digit (for tests only, law-facts.md §ID numbers).

    The check digit is GB 11643's ISO 7064 MOD 11-2 written out here, not the library under test:
    weight 2^(17-i) mod 11 on the i-th digit, then (12 - sum mod 11) mod 11, with 10 written X.
    """
    body = region + birth + serial
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def post_photo(client, data: bytes, *, upload_id: str, submission_id: str, label="", name="photo.jpg", headers=None):
    """POST /api/v1/uploads as a browser's FormData does. The body is built in memory: the test client's
    own multipart encoder spools big files to a temporary file that it never closes."""
    boundary, body = encode_multipart({"id": upload_id, "submission_id": submission_id, "label": label,
                                       "file": FileStorage(io.BytesIO(data), name, content_type="image/jpeg")})
    return client.post("/api/v1/uploads", data=body, content_type=f"multipart/form-data; boundary={boundary}",
                       headers=headers or {})
