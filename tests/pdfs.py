"""Real PDF files made in the test: a plain one as an office scans or prints it, and the hostile ones (a script, a
file inside, two thousand pages, a ZIP named .pdf), each built as such a file is built, with pypdf's writer."""
import functools
import io
import zipfile

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plain(pages: int = 2) -> bytes:
    """A clean A4 PDF of `pages` blank pages, with an /OpenAction that only shows the first page (harmless)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = writer.pages[0].indirect_reference  # noqa: SLF001
    writer.add_metadata({"/Title": "调解协议书"})
    return _bytes(writer)


def handwritten() -> bytes:
    """The smallest PDF a person could write by hand: one page, a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _script(code: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)})


def with_javascript() -> bytes:
    """The classic: a script the document runs as it opens (/OpenAction)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_script("app.alert('hi');"))  # noqa: SLF001
    return _bytes(writer)


def with_javascript_link() -> bytes:
    """The script hidden in a link on the second page (an annotation's action), not in the catalogue."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    page = writer.add_blank_page(595, 842)
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(100),
                                                               NumberObject(100)]),
                             NameObject("/A"): writer._add_object(_script("this.submitForm('http://x');"))})  # noqa: SLF001
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])  # noqa: SLF001
    return _bytes(writer)


def with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ\x90\x00" + b"\x00" * 60)
    return _bytes(writer)


@functools.lru_cache(maxsize=1)
def long(pages: int = 2000) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return _bytes(writer)


def zip_named_pdf() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("调解协议.docx", b"not really a document")
    return out.getvalue()


def encrypted() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    return _bytes(writer)


@functools.lru_cache(maxsize=1)
def mediation_agreement() -> bytes:
    """A mediation agreement as the project's own PDF maker writes a paper (WeasyPrint, a CJK font, A4)."""
    from server.aid.cases.paper import Block, write_pdf
    return write_pdf([Block("title", text="调解协议书"),
                      Block("paragraph", text="申请人张三与被申请人某某建筑劳务有限公司因拖欠工资发生争议，经调解，"
                                              "双方自愿达成如下协议：被申请人于2026年12月31日前"
                                              "一次性支付工资 38,000 元。")],
                     "调解协议书")


def with_javascript_in_object_stream() -> bytes:
    """PDF 1.5 with every object compressed in an object stream, the catalogue's /OpenAction a script: no
    "/JavaScript" appears in the file's bytes, so only a reader of the PDF's structure finds it."""
    import struct
    import zlib

    bodies = [b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
              b"<< /S /JavaScript /JS (app.alert\\('hi'\\);) >>"]
    offsets, data = [], b""
    for body in bodies:
        offsets.append(len(data))
        data += body + b" "
    header = b" ".join(b"%d %d" % (number, offset) for number, offset in enumerate(offsets, 1)) + b" "
    packed = zlib.compress(header + data)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_at = len(out)
    out += (b"5 0 obj\n<< /Type /ObjStm /N 4 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed)) + packed + b"\nendstream\nendobj\n")
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)] + [struct.pack(">BIH", 2, 5, i) for i in range(4)]
    rows += [struct.pack(">BIH", 1, stream_at, 0), struct.pack(">BIH", 1, xref_at, 0)]
    table = zlib.compress(b"".join(rows))
    out += (b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(table) + table + b"\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def scan(megabytes: int) -> bytes:
    """A scanned page as an office scanner writes it: one page holding one large image (random bytes, so no
    compression makes it smaller)."""
    import os

    from pypdf.generic import StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = StreamObject()
    image.set_data(os.urandom(megabytes * 1024 * 1024))
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(2480), NameObject("/Height"): NumberObject(3508),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})})  # noqa: SLF001
    return _bytes(writer)
