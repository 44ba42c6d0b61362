"""Files a person saves: a Content-Disposition that names them in Chinese on every browser; files the
app shows or keeps (its own files, the content pack): none of send_file's headers a browser has no use for."""
import re
from urllib.parse import quote

from flask import Response

# What no file name on Windows, macOS or Linux may hold, and control characters.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def attachment(ascii_name: str, name: str) -> str:
    """Content-Disposition for a Chinese file name: an ASCII fallback, and RFC 5987's filename* for the rest."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def download(body: bytes, mimetype: str, filename: str) -> Response:
    """An export a person saves under an ASCII `filename`; no browser, proxy or service-worker cache keeps it."""
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}",
                                                      "Cache-Control": "no-store"})


def name_part(text: str, limit: int = 40) -> str:
    """A piece of a file name from text a person typed: forbidden characters become a space, spaces collapse."""
    return " ".join(_NOT_IN_NAMES.sub(" ", text).split())[:limit].strip(" .")


# A file name for a file shown inline, Expires beside Cache-Control, Last-Modified beside the ETag, and
# a Date the HTTP server (gunicorn, nginx, Werkzeug's) writes again itself: ~190 bytes on each answer,
# on 2G, for nothing (issue 18, item 29).
SEND_FILE_NOISE = ("Content-Disposition", "Expires", "Last-Modified", "Date")


def without_noise(response):
    """A send_file answer for a file the app shows or keeps, not one a person saves."""
    for name in SEND_FILE_NOISE:
        del response.headers[name]
    return response
