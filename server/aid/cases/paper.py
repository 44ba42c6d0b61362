"""A case's papers as files: the blocks documents.py builds, written as .docx (python-docx, for the lawyer to
edit) or PDF (WeasyPrint). The two writers draw the same blocks, so both files always say the same thing."""
import html
import io
from dataclasses import dataclass, field

from ...inputs import xml_safe
from ...printing import require_cjk_font, weasyprint_html


@dataclass
class Block:
    """One piece of a document: a title, heading, paragraph, a note in small print (a caveat for the lawyer),
    label/value table, table, or signature lines."""

    kind: str
    text: str = ""
    rows: list = field(default_factory=list)
    header: list = field(default_factory=list)


def printable(block: Block) -> Block:
    """The block without characters XML cannot hold (text stored before the input rule refused them):
    python-docx would raise on U+FFFF, a 500 for a paper the office needs. Nothing else is changed."""
    def clean(value):
        return tuple(map(clean, value)) if isinstance(value, (list, tuple)) else xml_safe(value)
    return Block(block.kind, xml_safe(block.text), [clean(row) for row in block.rows],
                 [xml_safe(text) for text in block.header])


# --- .docx -----------------------------------------------------------------------------------------

A4_TWIPS = (11906, 16838)  # 210 × 297 mm, as Word writes A4 (w:pgSz)
DOCX_FONT = "宋体"  # what an office PC has; the lawyer edits it in Word or WPS


def write_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, Twips

    doc = Document()
    # python-docx's blank document is US Letter: every paper is A4 (11906 × 16838 twips), margins as the PDF's.
    for section in doc.sections:
        section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)
    for block in blocks:
        if block.kind == "title":
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(block.text)
            run.bold, run.font.size = True, Pt(18)
        elif block.kind == "heading":
            doc.add_paragraph().add_run(block.text).bold = True
        elif block.kind in ("para", "verbatim"):
            # The worker's words: line breaks kept, nothing trimmed or reflowed.
            para = doc.add_paragraph()
            for i, line in enumerate(block.text.split("\n")):
                if i:
                    para.add_run().add_break()
                para.add_run(line)
        elif block.kind == "note":
            doc.add_paragraph().add_run(block.text).font.size = Pt(9)
        elif block.kind == "fields":
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        elif block.kind == "table":
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        elif block.kind == "list":
            for i, item in enumerate(block.rows, 1):
                doc.add_paragraph(f"{i}. {item}")
        elif block.kind == "sign":
            for line in block.rows:
                doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; line-height: 1.6; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 6mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
td, th { border: 0.5pt solid #333; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
td.label { width: 32%; }
.verbatim { white-space: pre-wrap; border: 0.5pt solid #999; padding: 2mm 3mm; }
.sign { text-align: right; margin: 3mm 0; }
.note { font-size: 8.5pt; color: #333; margin: 1mm 0 3mm; }
"""


def write_pdf(blocks: list[Block], title: str) -> bytes:
    HTML = weasyprint_html()  # noqa: N806  the class, named as WeasyPrint names it (printing.py: imported safely)

    require_cjk_font()
    esc = html.escape
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{esc(title)}</title>"
             f"<style>{CSS}</style></head><body>"]
    for block in blocks:
        if block.kind == "title":
            parts.append(f"<h1>{esc(block.text)}</h1>")
        elif block.kind == "heading":
            parts.append(f"<h2>{esc(block.text)}</h2>")
        elif block.kind == "para":
            parts.append(f"<p>{esc(block.text)}</p>")
        elif block.kind == "note":
            parts.append(f"<p class='note'>{esc(block.text)}</p>")
        elif block.kind == "verbatim":
            parts.append(f"<div class='verbatim'>{esc(block.text)}</div>")
        elif block.kind == "fields":
            parts.append("<table>" + "".join(f"<tr><td class='label'>{esc(k)}</td><td>{esc(v)}</td></tr>"
                                             for k, v in block.rows) + "</table>")
        elif block.kind == "table":
            parts.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in block.header) + "</tr>"
                         + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                                   for row in block.rows) + "</table>")
        elif block.kind == "list":
            parts.append("<ol>" + "".join(f"<li>{esc(item)}</li>" for item in block.rows) + "</ol>")
        elif block.kind == "sign":
            parts.extend(f"<p class='sign'>{esc(line)}</p>" for line in block.rows)
    parts.append("</body></html>")
    return HTML(string="".join(parts)).write_pdf()
