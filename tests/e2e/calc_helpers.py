"""Walking a calculator's screens as a worker does (the calculators' browser tests share it)."""
import json
from pathlib import Path

from playwright.sync_api import expect

VECTORS = Path(__file__).parents[2] / "content" / "calculators" / "vectors"


def vector(calc: str, name_starts: str) -> dict:
    """One worked example of content/calculators/vectors/<calc>.json, the engines' own test data."""
    found = [v for v in json.loads((VECTORS / f"{calc}.json").read_text(encoding="utf-8"))
             if v["name"].startswith(name_starts)]
    assert len(found) == 1, name_starts
    return found[0]


def answer(page, ask: str, value: str | None) -> None:
    """The screen asking `ask`: type or pick `value` (None: leave it empty, an optional question), then 下一步."""
    form = page.locator("form.calc-ask")
    expect(form.get_by_text(ask, exact=True).first).to_be_visible()
    if value is not None:
        box = form.locator("input, select")
        if box.count() and form.get_by_role("radio").count() == 0:
            box.first.fill(value)
        else:
            form.get_by_role("radio", name=value).click()
    form.get_by_role("button", name="下一步").click()


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def expect_working(page, expected: dict) -> None:
    """The big number and the working, line by line, as the engines' vector says."""
    expect(page.locator(".calc-total strong")).to_have_text(yuan(expected["total_fen"]))
    lines = page.locator(".calc-work")
    expect(lines).to_have_count(len(expected["lines"]))
    for i, want in enumerate(expected["lines"]):
        line = lines.nth(i)
        expect(line.locator(".calc-text")).to_contain_text(yuan(abs(want["amount_fen"])))
        expect(line.locator(".calc-basis")).to_contain_text("《")
        if want["expires_on"]:
            expect(line.locator(".calc-expiry")).to_contain_text(want["expires_on"])
        else:
            expect(line.locator(".calc-expiry")).to_have_count(0)
