"""End-to-end: hostile text from a dataset is shown as text in Chromium, never run or rendered.

A second app server is started on a hostile copy of data/ (tests/hostile.py) with
ODD17_DATA_DIR; the session's offline Chromium (conftest.py) visits it. Also: an
invalid folder in the browser, and the examples' filters across a page change.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import appserver
import checks
import pandas as pd
import pytest
from hostile import HOSTILE_REGION, PAYLOADS, case_ids, make_hostile_copy
from playwright.sync_api import Browser, Page, expect

from odd17 import case_studies, workshop
from odd17.dataset import BUNDLED_DIR, DATA_ENV, load, validate
from odd17.formats import WORD_JOINER
from odd17.ui.cards import PREVIEW
from odd17.ui.data import INVALID_TITLE

pytestmark = pytest.mark.browser

MARKDOWN = '[data-testid="stMarkdownContainer"]'
# Whatever the payloads could turn into if the text were rendered as HTML or markdown.
INJECTED = ", ".join(
    [
        f"{MARKDOWN} :is(script, img, iframe, object, embed, svg image, video, audio, table, hr, blockquote, ol, code, pre)",
        f"{MARKDOWN} :is(.katex, .katex-display, math)",
        f'{MARKDOWN} a:is([href^="http"], [href^="mailto"], [href^="javascript"], [href^="www"])',
        "[onerror], [onload]",
        'a[href^="javascript"]',
    ]
)
EMPHASIS = f"{MARKDOWN} :is(strong, em, del, h1, h2, h3, h4, h5, h6, span[style*=color])"
NAV = '[data-testid="stSidebarNav"] a'
APP_PY = Path(__file__).resolve().parents[2] / "app.py"
PICKER = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def url_path(page_file: str) -> str:
    """The URL path app.py gives a page file (read from app.py: it has changed before)."""
    found = re.search(rf'st\.Page\(\s*"pages/{page_file}\.py"[^)]*?url_path="([^"]*)"', APP_PY.read_text(encoding="utf-8"))
    assert found, f"no url_path for pages/{page_file}.py in app.py"
    return found.group(1)


def open_examples(page: Page, url: str, query: str = "") -> None:
    """The examples page through app.py (its sidebar picker proves app.py ran)."""
    checks.open_app(page, f"{url}/{url_path('exemples')}{query}")
    expect(page.locator("h1").first).to_have_text("Exemples inspirants")
    expect(page.locator(PICKER)).to_have_count(1)


def warm(browser: Browser, url: str) -> None:
    """A server's first session is routed by Streamlit's pages/ directory logic: spend it on '/'."""
    page = browser.new_page()
    checks.open_app(page, url + "/")
    page.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, chromium: Browser) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("hostile-browser")
    folder = make_hostile_copy(root / "data")
    with appserver.running_app(root / "streamlit.log", env={DATA_ENV: str(folder)}) as server:
        warm(chromium, server.url)
        yield server.url, folder


@pytest.fixture
def dialogs(app_page: Page) -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (a script from data ran)."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    app_page.on("dialog", record)
    return opened


def visible_text(page: Page, selector: str) -> list[str]:
    """innerText of the matching elements, without the invisible word joiners."""
    return [t.replace(WORD_JOINER, "") for t in page.locator(selector).all_inner_texts()]


def assert_nothing_injected(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(500)  # an <img onerror> would fire on its failed load by now
    assert dialogs == []
    assert page.locator(INJECTED).count() == 0, page.locator(INJECTED).evaluate_all("els => els.map(e => e.outerHTML)")
    emphasised = visible_text(page, EMPHASIS)
    assert not {"bold", "it", "heading", "coloured", "img", "x"} & {t.strip() for t in emphasised}, emphasised
    assert checks.errors(page) == []


def test_hostile_case_studies_show_as_text_on_the_examples_page(app_page: Page, hostile_server, dialogs: list[str]) -> None:
    url, _ = hostile_server
    titles = []
    for page in (1, 2):  # the region's examples fill two pages of results
        open_examples(app_page, url, f"?regions={HOSTILE_REGION}&page={page}")
        assert_nothing_injected(app_page, dialogs)
        titles += visible_text(app_page, f"{MARKDOWN} h4")
    for name, payload in PAYLOADS.items():
        assert payload in titles, name
    overflow = app_page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "a 500-character word must not widen the page"
    wide = app_page.locator(MARKDOWN).evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert wide == 0


@pytest.mark.parametrize("name", ["script", "img", "js-link", "image", "autolink", "rtl"])
def test_the_detail_view_shows_every_field_as_text(app_page: Page, hostile_server, dialogs: list[str], name: str) -> None:
    url, folder = hostile_server
    open_examples(app_page, url, f"?exemple={case_ids(folder)[name]}")
    assert_nothing_injected(app_page, dialogs)
    paragraphs = visible_text(app_page, f"{MARKDOWN} p")
    for label in ("Acteurs", "Chiffre clé"):
        assert f"{label} : {PAYLOADS[name]}" in paragraphs, label
    assert not any(p.startswith("Note :") for p in paragraphs), "the editors' notes are never shown"
    assert PAYLOADS[name] in visible_text(app_page, f"{MARKDOWN} h3")


def test_my_region_and_the_workshop_show_hostile_text_as_text(app_page: Page, hostile_server, dialogs: list[str]) -> None:
    url, folder = hostile_server
    checks.open_app(app_page, f"{url}/?region={HOSTILE_REGION}")
    app_page.locator(NAV, has_text="Ma région").click()  # by its link: URL paths are app.py's business
    appserver.wait_for_app(app_page)
    assert_nothing_injected(app_page, dialogs)
    assert len(set(PAYLOADS.values()) & set(visible_text(app_page, f"{MARKDOWN} h4"))) == PREVIEW  # the rest: a link away
    story = workshop.slides(load(folder), HOSTILE_REGION)
    examples_slide = 1 + next(i for i, slide in enumerate(story) if slide.kind == "examples")
    checks.open_app(app_page, f"{url}/?atelier=1&region={HOSTILE_REGION}&diapo={examples_slide}")
    assert_nothing_injected(app_page, dialogs)
    assert len(set(PAYLOADS.values()) & set(visible_text(app_page, f"{MARKDOWN} h3"))) == workshop.EXAMPLES_PER_SLIDE


def test_an_invalid_folder_is_explained_in_the_browser(tmp_path: Path, chromium: Browser, app_page: Page, dialogs: list[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED_DIR, folder, ignore=shutil.ignore_patterns("geo"))
    figures = pd.read_csv(folder / "figures.csv", dtype=str, keep_default_na=False)
    figures.loc[0, "source"] = "<img src=x onerror=alert(1)>"
    figures.loc[1, "value"] = "beaucoup"
    figures.to_csv(folder / "figures.csv", index=False, lineterminator="\n")
    expected = [" ".join(str(p).split()) for p in validate(folder)]
    with appserver.running_app(tmp_path / "streamlit.log", env={DATA_ENV: str(folder)}) as server:
        warm(chromium, server.url)
        for path in ("/", f"/{url_path('carte')}", f"/{url_path('exemples')}?region=75", "/?atelier=1"):
            checks.open_app(app_page, server.url + path)
            alert = app_page.locator('[data-testid="stAlertContentError"]')
            expect(alert).to_have_count(1)
            text = alert.inner_text()
            assert INVALID_TITLE in text
            assert [line.strip() for line in text.splitlines() if line.strip() in expected] == expected
            assert app_page.locator('[data-testid="stException"], [data-testid="stMetric"], [data-testid="stDataFrame"]').count() == 0
            assert "Traceback" not in app_page.content()
            assert dialogs == [] and app_page.locator('[onerror], [data-testid="stMain"] :is(img, script)').count() == 0
            assert alert.locator("a, code, strong:text-is('x')").count() == 0  # problems are plain text


def test_examples_filters_survive_a_page_change_and_clear(app_page: Page, app_url: str, ds) -> None:
    region = "75"
    kept = len(case_studies.in_region(ds.case_studies, region))
    open_examples(app_page, app_url, f"?regions={region}")
    assert checks.exemples_count(app_page) == kept
    app_page.locator(NAV, has_text="Sources et données").click()
    appserver.wait_for_app(app_page)
    app_page.locator(NAV, has_text="Exemples inspirants").click()
    appserver.wait_for_app(app_page)
    assert checks.errors(app_page) == []
    assert checks.exemples_count(app_page) == kept
    expect(app_page).to_have_url(re.compile(rf"regions={region}"))
    open_examples(app_page, app_url, "?q=zzzintrouvablezzz")
    assert checks.exemples_count(app_page) == 0
    app_page.get_by_role("button", name="Effacer tous les filtres").click()
    appserver.wait_for_app(app_page)
    assert checks.errors(app_page) == []
    assert checks.exemples_count(app_page) == len(ds.case_studies)
