"""PDFs in, the same bytes kept, once checked: a PDF that parses, not too big, not too long, and with nothing in it
that acts (scripts, launched programs, embedded files, forms that run, rich media).

The server never renders a PDF: it reads the file's structure with pypdf (objects, not pages drawn) and keeps the
bytes as sent; whoever opens it later does so in their own viewer, from a download marked as an attachment. What
"checked as a PDF" means here:

- it starts with `%PDF-` (a ZIP or a Word file named .pdf does not) and is at most MAX_BYTES;
- pypdf opens it without a password and finds its pages: at least one, at most MAX_PAGES;
- no object anywhere in it (pages, annotations, the catalogue, the name trees, object streams) holds one of
  ACTIVE's names: JavaScript (/JavaScript, /JS), launching (/Launch), embedded or attached files (/EmbeddedFile,
  /EmbeddedFiles, /FileAttachment), rich media (/RichMedia), XFA forms (/XFA), or form actions that send or load
  (/SubmitForm, /ImportData). An /OpenAction or /AA that only goes to a page is harmless and passes; one that runs
  JavaScript is refused by the /JS it needs.
"""
import io
import logging

from ..errors import DomainError

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 500
# Objects looked at, at most: a 500-page scan has a few thousand; a file made to make the walk slow has millions.
MAX_OBJECTS = 200_000
ACTIVE = {
    "/JavaScript": "含有脚本（JavaScript）", "/JS": "含有脚本（JavaScript）", "/Launch": "会启动别的程序",
    "/EmbeddedFile": "里面夹带了别的文件", "/EmbeddedFiles": "里面夹带了别的文件",
    "/FileAttachment": "里面夹带了别的文件",
    "/RichMedia": "含有多媒体内容", "/XFA": "含有 XFA 表单", "/SubmitForm": "含有会发送内容的表单",
    "/ImportData": "含有会读入数据的表单",
}
MAGIC = b"%PDF-"


class PdfRefused(DomainError):
    status = 422


def too_big_error() -> PdfRefused:
    return PdfRefused(f"文件太大了（超过 {MAX_BYTES // (1024 * 1024)} MB），请分成几份或扫描得小一点再传。",
                      "file_too_large", 413)


def is_pdf(data: bytes) -> bool:
    """Whether the bytes say they are a PDF."""
    return data.startswith(MAGIC)


def check(data: bytes) -> int:
    """The PDF's page count, or PdfRefused with a plain reason."""
    if len(data) > MAX_BYTES:
        raise too_big_error()
    if not data.startswith(MAGIC):
        raise PdfRefused("这个文件不是 PDF（文件开头不对，可能是改了扩展名的压缩包或别的文件），请换一个文件。",
                         "not_a_pdf", 415)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a sloppy but harmless file is not worth a log line each
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise PdfRefused("这个 PDF 设了密码，请先去掉密码再传。", "pdf_encrypted")
        pages = len(reader.pages)
        if pages < 1:
            raise _broken()
        if pages > MAX_PAGES:
            raise PdfRefused(f"这个 PDF 有 {pages} 页，超过了 {MAX_PAGES} 页，请分成几份再传。", "pdf_too_many_pages")
        found = _active(reader)
    except PdfRefused:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, ZeroDivisionError):
        raise _broken() from None
    if found:
        raise PdfRefused(f"这个 PDF {found}，为了安全不能收，请打印后重新扫描成不带这些内容的 PDF 再传。",
                         "pdf_active_content")
    return pages


def _broken() -> PdfRefused:
    return PdfRefused("这个 PDF 文件不完整或已损坏，打不开，请重新导出或重新扫描后再传。", "pdf_broken")


def _active(reader) -> str:
    """What the first acting thing found does, in words; "" when there is none. Every object the file lists (its
    cross-reference tables and object streams) and every one reachable from the trailer is looked at once
    (references followed, loops cut), its dictionary keys and name values alike."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    looked = 0
    while stack:
        item = stack.pop()
        looked += 1
        if looked > MAX_OBJECTS:
            raise PdfRefused("这个 PDF 的结构太复杂了，请重新导出或扫描成普通的 PDF 再传。", "pdf_too_complex")
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            stack.append(item.get_object())
        elif isinstance(item, DictionaryObject):  # a stream is one too: its dictionary is looked at, not its data
            for key, value in item.items():
                if key in ACTIVE:
                    return ACTIVE[key]
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item in ACTIVE:
            return ACTIVE[item]
    return ""
