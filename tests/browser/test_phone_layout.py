"""What a 360-px phone shows of the figures: charts that can be read, money on screen.

Staff and managers open plan versus actual and the events feed on their phones. Walked
that way, the charts' labels came out about 8 px (the drawing shrinks to the screen and
its text with it), the money columns of every table lay a swipe to the right, and the
feed was nearly 10,000 px long because each row squeezed its seven columns into 360 px.
These tests hold the fixes in Chromium: chart text at least 10 px on the screen and no
two month labels overlapping; every figure of the tables on screen, beside its column's
name; the feed as cards.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from playwright.sync_api import Page as BrowserPage

from tests.browser.conftest import Site, shoot, sign_in
from tests.browser.test_pages_http import ADMIN, MANAGER

STATIC = Path(__file__).parents[2] / "api" / "web" / "static"

SMALLEST_TEXT_PX = 10.0
"""The smallest chart text on a phone's screen that still reads without zooming."""

CHART_TEXT = """els => els.filter(e => e.getBoundingClientRect().width > 0).map(e => {
  const svg = e.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = e.getBoundingClientRect();
  return {text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize) * scale,
          month: e.classList.contains("month"), left: box.left, right: box.right};
})"""

FIGURES = """els => els.map(e => {
  const box = e.getBoundingClientRect();
  return {left: box.left, right: box.right, label: e.dataset.label || "", text: e.innerText};
})"""


def vs_actual(phone: BrowserPage, site: Site) -> None:
    sign_in(phone, MANAGER)
    phone.goto(f"/plans/{site.world.plan_id}/vs-actual")


def test_chart_text_reads_on_a_phone_and_month_labels_do_not_collide(
    phone: BrowserPage, site: Site
) -> None:
    vs_actual(phone, site)
    texts = phone.eval_on_selector_all("svg text", CHART_TEXT)
    assert texts, "the page draws no chart text"
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < SMALLEST_TEXT_PX]
    assert not small, small
    curve = phone.locator("svg.s-curve").first.evaluate_handle("svg => svg")
    months = curve.evaluate(f"svg => ({CHART_TEXT})(Array.from(svg.querySelectorAll('text')))")
    shown = sorted((t for t in months if t["month"]), key=lambda t: t["left"])
    assert len(shown) >= 6, shown
    for before, after in pairwise(shown):
        assert before["right"] <= after["left"], (before["text"], after["text"])
    shoot(phone, "phone-vs-actual-charts")


def test_every_figure_of_plan_versus_actual_is_on_a_phones_screen_beside_its_name(
    phone: BrowserPage, site: Site
) -> None:
    vs_actual(phone, site)
    width = phone.viewport_size["width"] if phone.viewport_size else 360
    figures = phone.eval_on_selector_all("table.cards td", FIGURES)
    assert len(figures) > 20, "the page's tables of figures are not laid out as cards"
    off = [f["text"] for f in figures if f["left"] < 0 or f["right"] > width]
    assert not off, off
    assert all(f["label"] for f in figures)
    spent = phone.locator('table.cards td[data-label="เบิกจ่ายแล้ว"]').first
    assert spent.is_visible()
    label = spent.evaluate("e => getComputedStyle(e, '::before').content")
    assert "เบิกจ่ายแล้ว" in label
    assert phone.evaluate("document.documentElement.scrollWidth") <= width


def test_the_feed_reads_as_cards_on_a_phone(phone: BrowserPage, site: Site) -> None:
    sign_in(phone, MANAGER)
    phone.goto(f"/events?plan={site.world.plan_id}")
    rows = phone.locator("table.events-table tbody tr")
    assert rows.count() == 50
    first = rows.first
    what = first.locator("td.e-what").bounding_box()
    position = first.locator("td.e-position").bounding_box()
    assert what and position and what["y"] < position["y"], "what happened comes first"
    heights = rows.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    # Squeezed into seven columns a row averaged 180 px; as a card it takes its text's lines.
    assert sum(heights) / len(heights) < 150, heights
    region = phone.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
    shoot(phone, "phone-events-cards")


def test_a_desktop_keeps_the_tables(tab: BrowserPage, site: Site) -> None:
    vs_actual(tab, site)
    header = tab.locator("table.cards thead").first
    assert header.bounding_box() is not None and header.bounding_box()["height"] > 10  # type: ignore[index]
    cell = tab.locator("table.cards td.num").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "table-cell"


def test_the_pages_and_the_public_page_draw_with_the_one_palette(
    tab: BrowserPage, site: Site
) -> None:
    palette = (STATIC / "palette.css").read_text()
    ink = re.search(r"--ink:\s*(#[0-9a-f]{6})", palette)
    assert ink
    vs_actual(tab, site)
    assert tab.evaluate("getComputedStyle(document.body).getPropertyValue('--ink')") == ink[1]
    tab.goto(f"/public/plans/{site.world.plan_id}")  # a 404 in the public page's own layout
    assert tab.evaluate("getComputedStyle(document.body).getPropertyValue('--ink')") == ink[1]


def test_the_people_list_reads_as_cards_on_a_phone(phone: BrowserPage, site: Site) -> None:
    sign_in(phone, ADMIN)
    phone.goto("/admin/people")
    cells = phone.eval_on_selector_all("table#people td", FIGURES)
    assert cells and all(c["label"] for c in cells)
    off = [c["text"] for c in cells if c["left"] < 0 or c["right"] > 360]
    assert not off, off
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
