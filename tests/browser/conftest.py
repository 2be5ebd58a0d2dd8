"""Browser fixtures: one app server and one Chromium for the whole session, a fresh
offline context per test.

Playwright's sync API is used directly (not pytest-playwright's fixtures) so the
browser is Debian's Chromium with our flags, and every context refuses the
network: a request to anything but the local server is aborted, recorded, and
fails the test that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import appserver
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

PAGE_VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 60_000  # generous: CI machines are slow and shared
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**appserver.launch_args())
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_url(chromium: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, served once for the session and stopped at its end.

    Opened once at "/" before the tests: a server's very first session is
    routed by Streamlit's old pages/ directory logic (see
    test_workshop_browser.py::test_fresh_server_deep_link), which the page tests
    are not about.
    """
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with appserver.running_app(log) as server:
        page = chromium.new_page()
        page.goto(server.url + "/")
        appserver.wait_for_app(page)
        page.close()
        yield server.url


@pytest.fixture
def refused() -> list[str]:
    """Every request that tried to leave the machine during the test."""
    return []


def offline_context(browser: Browser, refused: list[str], viewport: dict) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)

    def guard(route: Route) -> None:
        if appserver.is_local(route.request.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


@pytest.fixture
def viewport() -> dict:
    return PAGE_VIEWPORT


@pytest.fixture
def app_page(chromium: Browser, refused: list[str], viewport: dict) -> Iterator[Page]:
    context = offline_context(chromium, refused, viewport)
    page = context.new_page()
    yield page
    context.close()
    assert refused == [], f"requests left localhost: {refused}"


@pytest.fixture
def offline_pages(chromium: Browser, refused: list[str]) -> Iterator[Callable[[dict], Page]]:
    """Make pages in fresh offline contexts of a given viewport (one per phone), all closed at the end."""
    made: list[BrowserContext] = []

    def new_page(viewport: dict) -> Page:
        made.append(offline_context(chromium, refused, viewport))
        return made[-1].new_page()

    yield new_page
    for context in made:
        context.close()
    assert refused == [], f"requests left localhost: {refused}"
