"""Phones and tablets: the map and Ma région inside the screen's width, one tap on a region, the keyboard path.

Only what a browser shows: boxes measured by Chromium at 390×844 (phone) and 768×1024 (tablet), touch taps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import appserver
import checks
import pytest
from conftest import offline_context
from playwright.sync_api import Browser, Page, expect

from odd17 import charts, geo, indicators
from odd17.regions import names

pytestmark = pytest.mark.browser

SIZES = [{"width": 390, "height": 844}, {"width": 768, "height": 1024}]
TAPPED_REGION = "75"  # Nouvelle-Aquitaine: large enough for a finger even on the phone's scaled map
PROFILE_REGION = "52"
EMPTY_REGION = "94"  # Corse: nothing published
MAX_TABS = 120


@pytest.fixture(params=SIZES, ids=lambda size: f"{size['width']}x{size['height']}")
def touch_page(request, chromium: Browser, refused: list[str]) -> Iterator[Page]:
    context = offline_context(chromium, refused, request.param, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()
    assert refused == [], f"requests left localhost: {refused}"


def link(app_url: str, page_file: str, query: str = "") -> str:
    return f"{app_url}/{appserver.url_path(page_file)}{query}"


def assert_inside_width(page: Page, selector: str) -> int:
    """Every visible element matching `selector` in the page's main area lies within the viewport's width; returns how many.

    The main area only: a collapsed sidebar is off-screen on purpose.
    """
    width = page.viewport_size["width"]
    found = page.locator('[data-testid="stMain"]').locator(selector).all()
    boxes = [b for b in (e.bounding_box() for e in found) if b and b["width"] > 0]
    assert boxes, f"nothing visible matches {selector}"
    for box in boxes:
        assert box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5, f"{selector} {box} outside 0-{width}px"
    return len(boxes)


def map_point(page: Page, ds, code: str) -> tuple[float, float]:
    """The page coordinates of a region's label point on the (possibly scaled) map."""
    canvas = page.locator(checks.DECK_CANVAS).first
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    target = next(f["properties"] for f in geo.load_geojson(geo.regions_path(ds.path))["features"] if f["properties"]["code"] == code)
    design = {"width": charts.MAP_WIDTH, "height": charts.MAP_HEIGHT}
    x, y = checks.deck_pixel(charts.MAP_VIEW, design, target["label_lon"], target["label_lat"])
    scale = box["width"] / charts.MAP_WIDTH
    return box["x"] + x * scale, box["y"] + y * scale


def test_the_whole_map_and_its_legend_fit_the_screen(touch_page: Page, app_url: str) -> None:
    checks.open_app(touch_page, link(app_url, "carte"))
    deck = touch_page.locator('[data-testid="stDeckGlJsonChart"]').first
    deck.scroll_into_view_if_needed()
    assert_inside_width(touch_page, '[data-testid="stDeckGlJsonChart"]')  # the drawn box holds France, Corse and the insets
    assert_inside_width(touch_page, ".map-legend li")
    assert_inside_width(touch_page, '[data-testid="stSelectbox"]')
    drawn, slot = deck.bounding_box(), touch_page.locator('.st-key-map-box [data-testid="stElementContainer"]').first.bounding_box()
    assert drawn["height"] <= slot["height"] + 1, "the map overflows its place: what follows would cover it"
    assert slot["height"] - drawn["height"] < 40, "the map leaves a blank band under it"
    assert checks.errors(touch_page) == []


def test_one_tap_on_a_region_opens_its_profile(touch_page: Page, app_url: str, ds) -> None:
    checks.open_app(touch_page, link(app_url, "carte"))
    x, y = map_point(touch_page, ds, TAPPED_REGION)
    touch_page.touchscreen.tap(x, y)
    expect(touch_page).to_have_url(re.compile(rf"/{appserver.url_path('ma_region')}"))
    expect(touch_page.locator("h1").first).to_have_text(f"Ma région : {names(ds.regions)[TAPPED_REGION]}")


def test_the_region_list_is_the_maps_keyboard_equivalent(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, link(app_url, "carte"))
    first = indicators.map_values(ds, indicators.default_indicator(ds)).iloc[0]
    for _ in range(MAX_TABS):
        app_page.keyboard.press("Tab")
        focused = app_page.evaluate(
            "() => { const e = document.activeElement; return e && e.closest('.st-key-region-links') ? "
            "[e.innerText, getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth] : null; }"
        )
        if focused:
            break
    assert focused, "no region link is reachable with Tab"
    text, outline, outline_width = focused
    assert text.startswith(first["name"])
    assert outline != "none" and float(outline_width.rstrip("px")) >= 2, "the focused link shows no focus ring"
    app_page.keyboard.press("Enter")
    expect(app_page.locator("h1").first).to_have_text(f"Ma région : {first['name']}")


def test_ma_region_reads_within_the_screen(touch_page: Page, app_url: str) -> None:
    checks.open_app(touch_page, link(app_url, "ma_region", f"?region={PROFILE_REGION}"))
    assert_inside_width(touch_page, "h1")
    blocks = assert_inside_width(touch_page, '[class*="st-key-figure-"]')
    assert blocks >= 1
    assert_inside_width(touch_page, '[class*="st-key-figure-"] [data-testid="stMarkdownContainer"]')
    if touch_page.viewport_size["width"] < 640:  # a phone: the region's value above France's, not side by side
        columns = touch_page.locator('[class*="st-key-figure-0"] [data-testid="stColumn"]').all()
        region_box, france_box = columns[0].bounding_box(), columns[1].bounding_box()
        assert france_box["y"] >= region_box["y"] + region_box["height"] - 1
    assert checks.errors(touch_page) == []


def test_a_region_with_nothing_published_says_so_once(touch_page: Page, app_url: str, ds) -> None:
    checks.open_app(touch_page, link(app_url, "ma_region", f"?region={EMPTY_REGION}"))
    expect(touch_page.get_by_text("Aucun chiffre régional")).to_have_count(1)
    first = indicators.headline_figures(ds)["display"].iloc[0]
    expect(touch_page.get_by_text(first).first).to_be_visible()
    assert_inside_width(touch_page, '[class*="st-key-national-"]')
