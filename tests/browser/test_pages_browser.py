"""End-to-end: every page in a real Chromium, the map, filters, shared links, downloads, offline."""

from __future__ import annotations

import re

import appserver
import checks
import pytest
from playwright.sync_api import Page, expect

from odd17 import case_studies, charts, geo, indicators
from odd17.regions import names

pytestmark = pytest.mark.browser

PAGE_TITLES = [  # (file in pages/, its st.title); "Ma région" is computed from the data below
    ("accueil", "ODD 17 : Alliance & Innovation"),
    ("carte", "Carte des régions"),
    ("eres", "Les trois ères des relations partenariales"),
    ("carre_magique", "Carré magique et formes de partenariat"),
    ("exemples", "Exemples inspirants"),
    ("regards_croises", "Regards croisés"),
    ("sources", "Sources et données"),
]
CLICKED_REGION = "75"  # Nouvelle-Aquitaine: the largest region, easy to hit
PROFILE_REGION = "52"
FILTER_REGION = "75"
SHARED_QUERY = "silver"
MIN_MAP_COLOURS = 4
MAX_BACKGROUND_SHARE = 0.95


def link(app_url: str, page_file: str, query: str = "") -> str:
    return f"{app_url}/{appserver.url_path(page_file)}{query}"


@pytest.mark.parametrize(("page_file", "title"), PAGE_TITLES)
def test_page_shows_its_title_and_no_error(app_page: Page, app_url: str, page_file: str, title: str) -> None:
    checks.open_app(app_page, link(app_url, page_file))
    expect(app_page.locator("h1").first).to_have_text(title)
    assert checks.errors(app_page) == []


def test_profile_page_names_the_region_from_the_link(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, link(app_url, "ma_region", f"?region={PROFILE_REGION}"))
    expect(app_page.locator("h1").first).to_have_text(f"Ma région : {names(ds.regions)[PROFILE_REGION]}")
    assert checks.errors(app_page) == []


def test_home_shows_every_headline_figure(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, link(app_url, "accueil"))
    shown = app_page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert shown == list(indicators.headline_figures(ds)["display"])


def open_map(page: Page, url: str):
    checks.open_app(page, link(url, "carte"))
    canvas = page.locator(checks.DECK_CANVAS).first
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_be_visible()
    return canvas


def test_map_is_drawn_with_the_classes_of_the_values(app_page: Page, app_url: str, ds) -> None:
    canvas = open_map(app_page, app_url)
    values = indicators.map_values(ds, next(iter(indicators.map_indicators(ds))))
    fills = {tuple(p["fill"]) for p in charts.map_properties(values).values()}
    # deck.gl draws after the page settles: wait until the fills are on the canvas.
    for _ in range(40):
        seen = checks.colours(canvas.screenshot())
        if fills <= set(seen):
            break
        app_page.wait_for_timeout(250)
    assert fills <= set(seen), f"fills {fills - set(seen)} not drawn"
    assert len(seen) >= MIN_MAP_COLOURS
    assert seen.most_common(1)[0][1] / sum(seen.values()) < MAX_BACKGROUND_SHARE


def test_clicking_a_region_opens_its_profile(app_page: Page, app_url: str, ds) -> None:
    canvas = open_map(app_page, app_url)
    features = geo.load_geojson(geo.regions_path(ds.path))["features"]
    target = next(f["properties"] for f in features if f["properties"]["code"] == CLICKED_REGION)
    view = charts.MAP_VIEW
    box = canvas.bounding_box()
    x, y = checks.deck_pixel(view, box, target["label_lon"], target["label_lat"])
    name = names(ds.regions)[CLICKED_REGION]
    # As a person does: the pointer rests on the region (its tooltip shows), then clicks.
    app_page.mouse.move(box["x"] + x - 10, box["y"] + y - 10)
    app_page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
    expect(app_page.locator(".deck-tooltip")).to_contain_text(name)
    canvas.click(position={"x": x, "y": y})
    expect(app_page).to_have_url(re.compile(rf"/{appserver.url_path('ma_region')}"))
    expect(app_page.locator("h1").first).to_have_text(f"Ma région : {name}")
    assert checks.errors(app_page) == []


def test_picking_a_region_reduces_the_example_cards(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, f"{app_url}/exemples-inspirants")
    assert checks.exemples_count(app_page) == len(ds.case_studies)
    regions = app_page.get_by_test_id("stMultiSelect").filter(has_text="Régions")
    regions.locator("input").click()
    app_page.keyboard.type(names(ds.regions)[FILTER_REGION])
    app_page.keyboard.press("Enter")
    app_page.keyboard.press("Escape")
    expected = case_studies.filter_cases(ds.case_studies, case_studies.Filters(regions=(FILTER_REGION,)))
    expect(app_page.get_by_text(f"{len(expected)} exemple(s)")).to_be_visible()
    assert len(expected) < len(ds.case_studies)
    expect(app_page).to_have_url(re.compile(rf"regions={FILTER_REGION}"))


def test_a_shared_link_reproduces_the_filters(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, f"{app_url}/exemples-inspirants?regions={FILTER_REGION}&q={SHARED_QUERY}")
    filters = case_studies.Filters(regions=(FILTER_REGION,), query=SHARED_QUERY)
    expected = case_studies.filter_cases(ds.case_studies, filters)
    assert checks.exemples_count(app_page) == len(expected)
    expect(app_page.get_by_test_id("stTextInput").locator("input")).to_have_value(SHARED_QUERY)
    expect(app_page.get_by_test_id("stMultiSelect").filter(has_text="Régions")).to_contain_text(names(ds.regions)[FILTER_REGION])
    for title in expected["title"]:
        expect(app_page.get_by_text(title, exact=True).first).to_be_visible()


def test_the_map_values_download_as_a_csv_file(app_page: Page, app_url: str, ds) -> None:
    checks.open_app(app_page, link(app_url, "carte"))
    values = indicators.map_values(ds, next(iter(indicators.map_indicators(ds))))
    with app_page.expect_download() as download:
        app_page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    content = download.value.path().read_bytes()
    assert content
    assert len(content.decode("utf-8-sig").strip().splitlines()) == len(values) + 1  # header + one line per region


OFFLINE_LINKS = [(page_file, "") for page_file, _ in PAGE_TITLES] + [
    ("ma_region", f"?region={PROFILE_REGION}"),
    ("atelier", f"?atelier=1&region={PROFILE_REGION}"),
]


def test_no_request_leaves_the_machine(app_page: Page, app_url: str, refused: list[str]) -> None:
    seen: list[str] = []
    app_page.on("request", lambda request: seen.append(request.url))
    for page_file, query in OFFLINE_LINKS:
        checks.open_app(app_page, link(app_url, page_file, query))
    assert seen, "the request guard saw nothing: the test would prove nothing"
    assert refused == [], f"requests left localhost (fonts, tiles, CDNs, telemetry?): {refused}"
