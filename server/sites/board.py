"""The rights notice board (维权信息告示牌) a site puts up at its gate, A4 or A3 at 300 dpi, as PNG (Pillow, as the
event poster) or PDF (WeasyPrint, as the case documents, so its text can be read and searched): what
保障农民工工资支付条例第三十四条 asks the board to show (law-facts WP-08), the hotlines, and a QR that opens the
site's page, /s/{code}, at PUBLIC_URL (never the request's Host: the board is pasted on a gate)."""
import base64
import html
import io

from flask import current_app
from PIL import Image, ImageDraw

from .. import codes
from ..printing import font, qr_image, require_cjk_font, weasyprint_html, wrap
from .models import Site
from .views import hotlines

# Paper at 300 dpi: (width, height) in pixels, and in millimetres for the PDF.
SIZES = {"A4": ((2480, 3508), (210, 297)), "A3": ((3508, 4961), (297, 420))}
GREEN = (7, 193, 96)
TITLE = "农民工维权信息告示牌"
BASIS = "依据《保障农民工工资支付条例》第三十四条设立"
SCAN = "微信扫一扫：查看本工地信息，工资没拿到可以直接申请法律援助（免费）"


def site_url(site: Site) -> str:
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/s/{site.code}"


def facts(site: Site) -> list[tuple[str, str]]:
    """The board's lines, label and value, in the order of 第三十四条; empty ones left out."""
    officer = " ".join(p for p in (site.wage_officer, site.wage_officer_phone) if p)
    rows = [("工程名称", site.name), ("工程地址", site.address), ("建设单位", site.owner),
            ("施工总承包单位", site.contractor), ("劳务分包单位", site.subcontractor), ("劳资专管员", officer),
            ("工资支付日期", site.pay_day), ("当地最低工资标准", site.minimum_wage)]
    return [(label, value) for label, value in rows if value]


def complaint_lines(site: Site) -> list[str]:
    return [f"{h['label']}：{h['phone']}" for h in hotlines(site)]


def render_png(site: Site, size: str) -> bytes:
    (width, height), _mm = SIZES[size]
    k = width / 1240  # laid out on the A4-at-150-dpi grid of the event poster, scaled
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width, int(200 * k)], fill=GREEN)
    draw.text((width // 2, int(100 * k)), TITLE, font=font(int(76 * k)), fill="white", anchor="mm")
    margin, y = int(70 * k), int(250 * k)
    for line in wrap(draw, site.name, font(int(64 * k)), width - 2 * margin)[:2]:
        draw.text((width // 2, y), line, font=font(int(64 * k)), fill="black", anchor="mt")
        y += int(84 * k)
    y += int(20 * k)
    body = font(int(40 * k))
    for label, value in facts(site)[1:]:
        for line in wrap(draw, f"{label}：{value}", body, width - 2 * margin)[:2]:
            draw.text((margin, y), line, font=body, fill=(30, 30, 30))
            y += int(54 * k)
    y += int(16 * k)
    draw.text((margin, y), "投诉举报和求助电话", font=font(int(46 * k)), fill=GREEN)
    y += int(64 * k)
    for line in complaint_lines(site):
        draw.text((margin, y), line, font=body, fill=(30, 30, 30))
        y += int(54 * k)
    side = max(int(300 * k), min(int(560 * k), height - y - int(260 * k)))
    img.paste(qr_image(site_url(site), side), ((width - side) // 2, y + int(20 * k)))
    y += side + int(50 * k)
    for line in wrap(draw, SCAN, font(int(36 * k)), width - 2 * margin)[:2]:
        draw.text((width // 2, y), line, font=font(int(36 * k)), fill=GREEN, anchor="mt")
        y += int(48 * k)
    draw.text((width // 2, y + int(6 * k)), f"工地编号 {codes.display(site.code)}", font=font(int(40 * k)),
              fill="black", anchor="mt")
    draw.text((width // 2, height - int(50 * k)), BASIS, font=font(int(30 * k)), fill=(90, 90, 90), anchor="mm")
    img.info["dpi"] = (300, 300)
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(300, 300), compress_level=6)
    return buf.getvalue()


CSS = """
@page { size: %(size)s; margin: 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif; color: #1e1e1e; }
h1 { background: #07c160; color: #fff; text-align: center; font-size: %(h1)spt; padding: 4mm; margin: 0 0 5mm; }
h2 { text-align: center; font-size: %(h2)spt; margin: 0 0 4mm; }
h3 { color: #07a150; font-size: %(h3)spt; margin: 5mm 0 2mm; }
p { font-size: %(p)spt; margin: 1.2mm 0; }
.qr { text-align: center; margin-top: 5mm; }
.qr img { width: %(qr)smm; height: %(qr)smm; }
.scan { text-align: center; color: #07a150; }
.code { text-align: center; font-size: %(h3)spt; }
.basis { text-align: center; font-size: 10pt; color: #555; margin-top: 4mm; }
"""


def render_pdf(site: Site, size: str) -> bytes:
    HTML = weasyprint_html()  # noqa: N806  the class, named as WeasyPrint names it (printing.py: imported safely)
    require_cjk_font()
    k = 1.0 if size == "A4" else 1.41
    css = CSS % {"size": size, "h1": round(30 * k), "h2": round(26 * k), "h3": round(18 * k), "p": round(15 * k),
                 "qr": round(60 * k)}
    qr = io.BytesIO()
    qr_image(site_url(site), 600).save(qr, "PNG")
    esc = html.escape
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{esc(TITLE)}</title>"
             f"<style>{css}</style></head><body><h1>{TITLE}</h1><h2>{esc(site.name)}</h2>"]
    parts += [f"<p>{esc(label)}：{esc(value)}</p>" for label, value in facts(site)[1:]]
    parts.append("<h3>投诉举报和求助电话</h3>")
    parts += [f"<p>{esc(line)}</p>" for line in complaint_lines(site)]
    parts.append(f"<div class='qr'><img src='data:image/png;base64,{base64.b64encode(qr.getvalue()).decode()}'>"
                 f"</div><p class='scan'>{SCAN}</p><p class='code'>工地编号 {codes.display(site.code)}</p>"
                 f"<p class='basis'>{BASIS}</p></body></html>")
    return HTML(string="".join(parts)).write_pdf()
