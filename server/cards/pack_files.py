"""The content's downloads as files: the offline pack (`pack`), the calculators' rules (`calculators`), the quiz bank.

Each is written once per content version, shape and locale, with its gzip and Brotli twins, and served
by routes.py (send_file, an ETag per version and encoding, 304 on If-None-Match). The calculators' rules
and the quiz bank left the pack (shapes s5, s6) for downloads of their own, fetched a few seconds after a worker's
first visit (the PWA's 'later' tier): ~12 KB less of it on 2G (bench/first_visit.py).
"""
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import current_app

from .. import compression
from .i18n import LOCALES, localise
from .service import calculators_rules, content_pack, content_version, quiz_bank

# Raised when what the pack holds changes (2: no search_text; the PWA reads it from answer_html;
# 3: cards and quiz as columns, citations without labels, the quiz's answer first and no ids;
# 4: the calculators' rules, holidays and regions under `calculators`; 5: no `calculators`, they are
# GET /api/v1/content/calculators; 6: no `quiz`, it is GET /api/v1/content/quiz).
PACK_SHAPE = "s6"
# The same for GET /api/v1/content/calculators ({version, locale, calculators}) and /quiz ({version, locale, quiz}).
CALCULATORS_SHAPE = "c1"
QUIZ_SHAPE = "q1"

# kind -> (its shape, its ETag's prefix, its body). The pack's ETag has no prefix: the one phones hold.
KINDS = {"pack": (PACK_SHAPE, "", content_pack), "calculators": (CALCULATORS_SHAPE, "calc-", calculators_rules),
         "quiz": (QUIZ_SHAPE, "quiz-", quiz_bank)}


@dataclass(frozen=True)
class PackFiles:
    etag: str
    locale: str
    raw: Path
    gzipped: Path
    brotli: Path

    def encoded(self, encoding: str | None) -> Path:
        """The file to send for a chosen encoding (compression.pick)."""
        return {"br": self.brotli, "gzip": self.gzipped}.get(encoding or "", self.raw)


def pack_files(locale: str, kind: str = "pack") -> PackFiles:
    """The current pack (or calculators' rules) for a locale as files (written now if this process lacks them)."""
    version, digest = content_version()
    return _pack_files(current_app.config["PACK_DIR"], kind, version, digest, locale)


@lru_cache(maxsize=16)
def _pack_files(folder: str, kind: str, version: int, digest: str, locale: str) -> PackFiles:
    # Named by version and digest, so a reload with new content never serves a stale file, and by the
    # shape, so new code with the same content writes its own files.
    shape, prefix, _body = KINDS[kind]
    name = f"{kind}-{version}-{digest[:16]}-{shape}-{locale}"
    files = PackFiles(f"{prefix}{version}-{digest[:16]}-{locale}", locale, Path(folder) / f"{name}.json",
                      Path(folder) / f"{name}.json.gz", Path(folder) / f"{name}.json.br")
    if not (files.raw.is_file() and files.gzipped.is_file() and files.brotli.is_file()):
        write_pack(files, kind)
    return files


def write_pack(files: PackFiles, kind: str = "pack") -> None:
    """The file and its gzip and Brotli twins, each written whole (to a temporary name, then renamed),
    and copied to <kind>-<locale>.json(.gz, .br): the stable names nginx serves (README: Deploying)."""
    body = localise(KINDS[kind][2](), files.locale) | {"locale": files.locale}
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    folder = files.raw.parent
    folder.mkdir(parents=True, exist_ok=True)
    for data, path, current in ((raw, files.raw, f"{kind}-{files.locale}.json"),
                                (compression.compress(raw, "gzip"), files.gzipped, f"{kind}-{files.locale}.json.gz"),
                                (compression.compress(raw, "br"), files.brotli, f"{kind}-{files.locale}.json.br")):
        for target in (path, folder / current):
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)


def write_packs() -> list[PackFiles]:
    """At `content load`: every locale's pack, calculators' rules and quiz bank for the content now loaded."""
    return [pack_files(locale, kind) for kind in KINDS for locale in LOCALES]
