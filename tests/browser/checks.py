"""What the browser tests look at: errors on a page, the map's pixels, type and contrast."""

from __future__ import annotations

import io
import math
import re
from collections import Counter

import appserver
from PIL import Image
from playwright.sync_api import Page

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
DECK_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'
TILE_SIZE = 512  # deck.gl's world size at zoom 0, in pixels


def open_app(page: Page, url: str) -> None:
    """Go to a page of the app and wait until its script run is over and drawn."""
    page.goto(url)
    appserver.wait_for_app(page)


def errors(page: Page) -> list[str]:
    """Texts of Streamlit exceptions and error boxes on the page."""
    return page.locator(ERRORS).all_inner_texts()


def colours(png: bytes) -> Counter:
    """How many pixels of each RGB colour a screenshot has."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return Counter(dict((colour, count) for count, colour in image.getcolors(image.width * image.height)))


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator world pixels at zoom 0, as deck.gl's MapView projects."""
    phi = math.radians(lat)
    x = (lon + 180) / 360 * TILE_SIZE
    y = (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * TILE_SIZE
    return x, y


def deck_pixel(view: dict, size: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) falls in a canvas of `size` showing the deck's initial view."""
    centre_x, centre_y = mercator(view["longitude"], view["latitude"])
    x, y = mercator(lon, lat)
    scale = 2 ** view["zoom"]
    return size["width"] / 2 + (x - centre_x) * scale, size["height"] / 2 + (y - centre_y) * scale


def exemples_count(page: Page) -> int:
    """The number in the examples page's 'N exemple(s)' line."""
    text = page.get_by_text(re.compile(r"\d+ exemple\(s\)")).first.inner_text()
    return int(re.search(r"(\d+) exemple\(s\)", text).group(1))


def font_sizes(page: Page, selector: str) -> list[float]:
    """Computed font sizes (px) of the visible elements matching `selector`."""
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent !== null && e.innerText.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))",
    )


def text_colours(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent !== null && e.innerText.trim()).map(e => getComputedStyle(e).color)",
    )


def luminance(css: str) -> float:
    """WCAG relative luminance of an 'rgb(r, g, b)' or 'rgba(...)' colour, laid on white."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    alpha = values[3] if len(values) > 3 else 1.0
    r, g, b = (alpha * v / 255 + (1 - alpha) for v in values[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(css: str) -> float:
    return 1.05 / (luminance(css) + 0.05)
