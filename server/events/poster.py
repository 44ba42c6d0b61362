"""A printable poster (A4 at 150 dpi) with the event's QR code and its facts in large Chinese."""
import io

from flask import current_app
from PIL import Image, ImageDraw

from ..clock import china_time
from ..printing import font, qr_image
from ..printing import wrap as _wrap
from .models import KINDS, Event

WIDTH, HEIGHT = 1240, 1754
GREEN = (7, 193, 96)


def event_url(event: Event) -> str:
    """The event's page at PUBLIC_URL (required in production; http://localhost:PORT in development)."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/events/{event.id}"


def render(event: Event, url: str) -> bytes:
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, WIDTH, 220], fill=GREEN)
    draw.text((WIDTH // 2, 110), "工友法援 · 法律进工地", font=font(72), fill="white", anchor="mm")
    y = 290
    for line in _wrap(draw, event.title, font(80), WIDTH - 160)[:3]:
        draw.text((WIDTH // 2, y), line, font=font(80), fill="black", anchor="mm")
        y += 110
    facts = [f"类型：{KINDS.get(event.kind, event.kind)}",
             f"时间：{china_time(event.starts_at):%Y年%m月%d日 %H:%M}", f"地点：{event.place}"]
    y += 20
    for fact in facts:
        for line in _wrap(draw, fact, font(52), WIDTH - 160)[:2]:
            draw.text((80, y), line, font=font(52), fill=(40, 40, 40))
            y += 72
    side = min(720, HEIGHT - y - 300)
    code = qr_image(url, side)
    img.paste(code, ((WIDTH - side) // 2, y + 40))
    y += side + 90
    draw.text((WIDTH // 2, y), "微信扫一扫，免费报名", font=font(60), fill=GREEN, anchor="mm")
    draw.text((WIDTH // 2, y + 90), "欠薪、工伤、合同问题，现场律师免费解答", font=font(44), fill=(60, 60, 60),
              anchor="mm")
    draw.text((WIDTH // 2, HEIGHT - 70), "法律援助热线 12348   人社热线 12333   工会热线 12351",
              font=font(40), fill=(60, 60, 60), anchor="mm")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()
