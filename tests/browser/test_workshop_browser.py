"""End-to-end: the workshop (projection) mode at 1920×1080, driven from the keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import appserver
import checks
import pytest
from playwright.sync_api import Browser, Page, expect

from odd17 import charts as charts_module
from odd17 import workshop
from odd17.regions import names

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
REGION = "52"  # Pays de la Loire: published figures and an example
EMPTY_REGION = "94"  # Corse: no published figure, no example
MIN_KEY_FIGURE_PX = 48
MIN_BODY_PX = 28
MIN_CONTRAST = 7.0  # WCAG AAA for text: a projector in a bright room eats contrast
# Body: the slide's paragraphs, not its captions (source, slide number) nor the presenter's bar.
BODY_TEXT = (
    '.stMainBlockContainer [data-testid="stMarkdownContainer"] p'
    ':not([data-testid="stCaptionContainer"] p, .st-key-slide-nav p, .st-key-remote-keys p)'
)
ALL_TEXT = ".stMainBlockContainer :is(h1, h2, h3, p, li):not(button *)"
CHROME = ['[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]']


@pytest.fixture
def viewport() -> dict:
    return PROJECTOR


def slide_url(app_url: str, region: str, number: int | str) -> str:
    return f"{app_url}/{appserver.url_path('atelier')}?atelier=1&region={region}&{workshop.SLIDE_PARAM}={number}"


def shows_slide(page: Page, story: list[workshop.Slide], number: int) -> None:
    expect(page).to_have_url(re.compile(rf"{workshop.SLIDE_PARAM}={number}(&|$)"))
    expect(page.locator("h1").first).to_have_text(story[number - 1].title)


def test_workshop_hides_the_chrome(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, slide_url(app_url, REGION, 1))
    shows_slide(app_page, workshop.slides(ds, REGION), 1)
    for selector in CHROME:
        expect(app_page.locator(selector)).to_be_hidden()
    expect(app_page.get_by_text(names(ds.regions)[REGION]).first).to_be_visible()
    assert checks.errors(app_page) == []


# Everything of the slide but the presenter's bar (fixed at the bottom) and the off-screen remote keys.
CONTENT_BOTTOM_JS = """() => {
    const nav = document.querySelector('.st-key-slide-nav').getBoundingClientRect();
    const blocks = [...document.querySelectorAll('.stMainBlockContainer [data-testid="stElementContainer"]')]
        .filter(e => !e.closest('.st-key-slide-nav, .st-key-remote-keys') && e.offsetParent !== null);
    const bottom = Math.max(...blocks.map(e => e.getBoundingClientRect().bottom));
    return {bottom, navTop: nav.top};
}"""


@pytest.mark.parametrize("region", [REGION, EMPTY_REGION, "04"])
def test_the_presenter_bar_never_hides_the_slide(app_page: Page, app_url: str, ds, region: str) -> None:
    for number in range(1, len(workshop.slides(ds, region)) + 1):
        checks.open_app(app_page, slide_url(app_url, region, number))
        layout = app_page.evaluate(CONTENT_BOTTOM_JS)
        assert layout["bottom"] <= layout["navTop"], f"slide {number}: {layout}"  # at the slide's opening scroll


def test_charts_and_map_are_drawn(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, REGION)
    for number, slide in enumerate(story, start=1):
        if slide.charts:
            checks.open_app(app_page, slide_url(app_url, REGION, number))
            charts = app_page.locator('[data-testid="stVegaLiteChart"]')
            expect(charts).to_have_count(len(slide.charts))
            for chart in charts.all():
                expect(chart.locator("canvas, svg").first).to_be_visible()
                assert chart.bounding_box()["height"] > 250, slide.kind
    number = next(i for i, s in enumerate(story, start=1) if s.kind == "map")
    checks.open_app(app_page, slide_url(app_url, REGION, number))
    canvas = app_page.locator(checks.DECK_CANVAS).first
    expect(canvas).to_be_visible()
    app_page.wait_for_timeout(1_000)  # the first WebGL frame
    orange = tuple(charts_module.SELECTED_RGB)
    assert checks.colours(canvas.screenshot())[orange] > 2_000  # the room's region, filled


def test_presenter_buttons_draw_no_stray_glyph(app_page: Page, app_url: str) -> None:
    """Arrows come from the app's own font (served by the app, so offline too); no shortcut badge."""
    checks.open_app(app_page, slide_url(app_url, REGION, 2))
    expect(app_page.locator(".st-key-slide-nav kbd").first).to_be_hidden()
    cdp = app_page.context.new_cdp_session(app_page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".st-key-slide-nav button p"})["nodeIds"]:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert fonts and all(font["isCustomFont"] for font in fonts), fonts


def test_keys_step_past_the_map(app_page: Page, app_url: str, ds) -> None:
    """The map slide takes no keys: ← → still go to the presenter's remote."""
    story = workshop.slides(ds, REGION)
    number = next(i for i, s in enumerate(story, start=1) if s.kind == "map")
    checks.open_app(app_page, slide_url(app_url, REGION, number))
    app_page.locator(checks.DECK_CANVAS).first.click()  # even after a click on the map
    app_page.keyboard.press("ArrowRight")
    appserver.wait_for_app(app_page)
    shows_slide(app_page, story, number + 1)
    app_page.keyboard.press("PageUp")
    appserver.wait_for_app(app_page)
    shows_slide(app_page, story, number)


def test_leaving_the_workshop_brings_the_app_back(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, slide_url(app_url, REGION, 3))
    app_page.get_by_test_id("stPageLink").filter(has_text="Quitter l'atelier").click()
    appserver.wait_for_app(app_page)
    expect(app_page.locator('[data-testid="stSidebar"]')).to_be_visible()
    expect(app_page).not_to_have_url(re.compile(r"atelier="))
    expect(app_page).to_have_url(re.compile(rf"region={REGION}"))


def test_keys_of_a_presenter_remote_step_through_the_story(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, REGION)
    checks.open_app(app_page, slide_url(app_url, REGION, 1))
    for key, number in [("ArrowRight", 2), ("PageDown", 3), ("ArrowRight", 4), ("ArrowLeft", 3), ("PageUp", 2), ("PageUp", 1)]:
        app_page.keyboard.press(key)
        appserver.wait_for_app(app_page)
        shows_slide(app_page, story, number)
    expect(app_page).to_have_url(re.compile(rf"region={REGION}"))


def test_first_and_last_slides_stay_put(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, REGION)
    checks.open_app(app_page, slide_url(app_url, REGION, 1))
    app_page.keyboard.press("ArrowLeft")
    appserver.wait_for_app(app_page)
    shows_slide(app_page, story, 1)
    checks.open_app(app_page, slide_url(app_url, REGION, len(story)))
    app_page.keyboard.press("PageDown")
    appserver.wait_for_app(app_page)
    shows_slide(app_page, story, len(story))


@pytest.mark.parametrize("kind", ["figures", "region"])
def test_type_reads_from_the_back_of_the_room(app_page: Page, app_url: str, ds, kind: str) -> None:
    story = workshop.slides(ds, REGION)
    number = next(i for i, slide in enumerate(story, start=1) if slide.kind == kind)
    checks.open_app(app_page, slide_url(app_url, REGION, number))
    key_figures = '[data-testid="stMetricValue"]' if kind == "figures" else '[class*="st-key-big-value"] p'
    sizes = checks.font_sizes(app_page, key_figures)
    assert sizes and min(sizes) >= MIN_KEY_FIGURE_PX
    body = checks.font_sizes(app_page, BODY_TEXT)
    assert body and min(body) >= MIN_BODY_PX


def test_text_is_dark_on_white(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, REGION)
    for number in range(1, len(story) + 1):
        checks.open_app(app_page, slide_url(app_url, REGION, number))
        colours = checks.text_colours(app_page, ALL_TEXT)
        assert colours
        assert min(checks.contrast_on_white(c) for c in colours) >= MIN_CONTRAST, f"slide {number}"


def test_a_region_without_data_says_so(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, EMPTY_REGION)
    for number, slide in enumerate(story, start=1):
        if slide.message:
            checks.open_app(app_page, slide_url(app_url, EMPTY_REGION, number))
            expect(app_page.get_by_text(slide.message)).to_be_visible()


def test_an_impossible_slide_number_is_explained(app_page: Page, app_url: str, ds) -> None:
    story = workshop.slides(ds, REGION)
    checks.open_app(app_page, slide_url(app_url, REGION, 99))
    _, notice = workshop.parse_slide("99", len(story))
    expect(app_page.get_by_test_id("stAlertContainer")).to_contain_text(notice)
    shows_slide(app_page, story, len(story))


def test_fresh_server_deep_link(chromium: Browser, tmp_path: Path, ds) -> None:
    """A facilitator starts the app at the venue and opens the link they prepared:
    the first session of the process, on a sub-page, shows its slide and no dialog."""
    with appserver.running_app(tmp_path / "streamlit.log") as server:
        page = chromium.new_page(viewport=PROJECTOR)
        try:
            checks.open_app(page, slide_url(server.url, REGION, 2))
            shows_slide(page, workshop.slides(ds, REGION), 2)
            expect(page.get_by_text(names(ds.regions)[REGION]).first).to_be_visible(timeout=5_000)
            expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=5_000)
            page.wait_for_timeout(2_000)  # a late "Page not found" dialog would show by now
            expect(page.get_by_role("dialog")).to_have_count(0)
            expect(page.get_by_text("Page not found")).to_have_count(0)
        finally:
            page.close()
