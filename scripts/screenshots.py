"""Screenshots of every page (1280×800, full page) and every workshop slide (1920×1080).

Usage: python scripts/screenshots.py [--out DIR] [--region CODE]

Starts the app on a free localhost port with the same helpers as the browser
tests (tests/browser/appserver.py), drives Debian's Chromium offline, saves
PNGs into DIR (default screenshots/, git-ignored), then stops the server.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import appserver  # noqa: E402  (shared with the browser tests, found through sys.path above)
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from odd17 import dataset, workshop  # noqa: E402

DEFAULT_OUT = ROOT / "screenshots"
DEFAULT_REGION = "52"  # Pays de la Loire: the region with the most published figures
PAGE_VIEWPORT = {"width": 1280, "height": 800}
SLIDE_VIEWPORT = {"width": 1920, "height": 1080}
MAX_PAGE_HEIGHT = 12_000  # a cap, so a runaway layout cannot make a giant PNG
PAGE_FILES = ["accueil", "carte", "ma_region", "eres", "carre_magique", "exemples", "regards_croises", "sources"]
# Streamlit scrolls inside its own containers, not the document: measure them.
CONTENT_HEIGHT_JS = """() => Math.max(...[
    document.scrollingElement,
    document.querySelector('[data-testid="stMain"]'),
    document.querySelector('[data-testid="stAppViewContainer"]'),
].filter(Boolean).map(e => e.scrollHeight))"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs (default: screenshots/)")
    parser.add_argument("--region", default=DEFAULT_REGION, help="INSEE code of the region shown (default: 52)")
    return parser.parse_args(argv)


def refuse_outside(route) -> None:
    """Offline, like a venue without network: only the local server answers."""
    if appserver.is_local(route.request.url):
        route.continue_()
    else:
        print(f"refused outside request: {route.request.url}", file=sys.stderr)
        route.abort()


def full_page(page: Page, path: Path) -> None:
    """Grow the viewport to the content's height so one PNG holds the whole page."""
    height = min(page.evaluate(CONTENT_HEIGHT_JS), MAX_PAGE_HEIGHT)
    if height > PAGE_VIEWPORT["height"]:
        page.set_viewport_size({"width": PAGE_VIEWPORT["width"], "height": height})
        appserver.wait_for_app(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(PAGE_VIEWPORT)


def shoot_pages(browser, base: str, region: str, out: Path) -> list[Path]:
    context = browser.new_context(viewport=PAGE_VIEWPORT, locale="fr-FR")
    context.route("**/*", refuse_outside)
    page = context.new_page()
    saved = []
    for name in PAGE_FILES:
        page.goto(f"{base}/{appserver.url_path(name)}?region={region}")
        appserver.wait_for_app(page)
        saved.append(out / f"page-{name.replace('_', '-')}.png")
        full_page(page, saved[-1])
    context.close()
    return saved


def shoot_slides(browser, base: str, region: str, count: int, out: Path) -> list[Path]:
    context = browser.new_context(viewport=SLIDE_VIEWPORT, locale="fr-FR")
    context.route("**/*", refuse_outside)
    page = context.new_page()
    saved = []
    for number in range(1, count + 1):
        page.goto(f"{base}/{appserver.url_path('atelier')}?atelier=1&region={region}&{workshop.SLIDE_PARAM}={number}")
        appserver.wait_for_app(page)
        saved.append(out / f"atelier-{region}-diapo-{number}.png")
        page.screenshot(path=saved[-1])
    context.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    ds = dataset.load(dataset.data_dir())
    if args.region not in set(ds.regions["code"]):
        print(f"unknown region code: {args.region}", file=sys.stderr)
        return 2
    count = len(workshop.slides(ds, args.region))
    with appserver.running_app(out / "server.log") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**appserver.launch_args())
        try:
            saved = shoot_pages(browser, server.url, args.region, out)
            saved += shoot_slides(browser, server.url, args.region, count, out)
        finally:
            browser.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
