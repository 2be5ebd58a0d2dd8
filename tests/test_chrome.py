"""The app's own CSS and scripts: the map's scaling rules, the French relabelling."""

from __future__ import annotations

import re

import pytest

from odd17.ui import chrome

WIDTH, HEIGHT = 640, 470


def applied_scale(css: str, container: float) -> float:
    """The scale the cascade applies to a container of this width (the last matching rule wins)."""
    scale = 1.0
    for limit, value in re.findall(r"max-width: ([\d.]+)px\).*?scale\(([\d.]+)\)", css):
        if container <= float(limit):
            scale = float(value)
    return scale


@pytest.mark.parametrize(("container", "low"), [(358, 350), (390, 390), (500, 500), (636, 630), (640, 640), (736, 640), (240, 240)])
def test_the_map_box_scales_down_to_fit_its_container(container: float, low: float) -> None:
    css = chrome.map_fit_css(WIDTH, HEIGHT)
    drawn = applied_scale(css, container) * WIDTH
    assert drawn <= container + 1e-6  # never wider than its container
    assert drawn == pytest.approx(min(low, WIDTH), abs=0.5)


def test_relabelling_maps_streamlit_english_to_french() -> None:
    script = chrome.relabel_script()
    assert '"Select all": "Tout sélectionner"' in script
    assert '"Skip to main content": "Aller au contenu principal"' in script
    assert all(english != french for english, french in chrome.FRENCH_LABELS.items())
    assert 'document.documentElement.lang = "fr"' in script
