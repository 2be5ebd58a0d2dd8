"""Cached data is shared by every session: running every page must leave it exactly as loaded.

st.cache_resource hands all sessions the same Dataset and geometry objects; one session
mutating them (a column added, a cell changed, a frame sorted in place) would leak into
every other session. The pages run in AppTest, in this process, on that same cache.
"""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest
from apppages import APP, PAGE_FILES, TIMEOUT
from streamlit.testing.v1 import AppTest

from odd17 import geo
from odd17.dataset import BUNDLED_DIR, DATA_ENV, Dataset, load
from odd17.ui.data import cached_dataset, folder_stamp, regions_geojson

PAGES = PAGE_FILES
VISITS = [  # (query parameters of the opening link) — several regions, some filters
    {"region": "75"},
    {"region": "FR"},
    {"region": "04", "profil": "association", "annees": "2012-2018"},
    {"region": "93", "q": "téléthon", "regions": "FR"},
]
WORKSHOP_REGION = "11"


def fingerprint(frame: pd.DataFrame) -> tuple:
    """Everything one session could change in a shared frame."""
    return (
        tuple(frame.columns),
        tuple(str(t) for t in frame.dtypes),
        tuple(frame.index),
        int(pd.util.hash_pandas_object(frame, index=True).sum()),
    )


def fingerprints(ds: Dataset) -> dict[str, tuple]:
    return {name: fingerprint(frame) for name, frame in ds.tables.items()}


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> Dataset:
    """The Dataset object the app's cache hands out for data/ (loaded now if not yet)."""
    monkeypatch.setenv(DATA_ENV, str(BUNDLED_DIR))
    ds = cached_dataset(str(BUNDLED_DIR), folder_stamp(BUNDLED_DIR))
    assert isinstance(ds, Dataset)
    return ds


def test_running_every_page_leaves_the_cached_data_unchanged(shared: Dataset) -> None:
    before = fingerprints(shared)
    tables = dict(shared.tables)
    package = copy.deepcopy(shared.package)
    outlines_path = str(geo.regions_path(shared.path))
    outlines = json.dumps(regions_geojson(outlines_path), sort_keys=True)

    for params in VISITS:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, params
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (params, page)
        at.switch_page("pages/exemples.py").run()
        at.multiselect(key="f_regions").set_value([params["region"]]).run()  # filter as a user would
        at.text_input(key="f_query").set_value("alliance").run()
        at.switch_page("pages/sources.py").run()
        at.switch_page("pages/exemples.py").run()  # and come back
        assert not at.exception, params

    workshop = AppTest.from_file(APP, default_timeout=TIMEOUT)
    workshop.query_params.update(region=WORKSHOP_REGION, atelier="1", diapo="1")
    workshop.run()
    while not workshop.button(key="next").disabled:  # through every slide with the "next" button
        workshop.button(key="next").click().run()
        assert not workshop.exception

    assert cached_dataset(str(BUNDLED_DIR), folder_stamp(BUNDLED_DIR)) is shared, "the pages used this very object"
    assert fingerprints(shared) == before
    assert dict(shared.tables) == tables and all(shared.tables[n] is tables[n] for n in tables)
    assert shared.package == package
    assert json.dumps(regions_geojson(outlines_path), sort_keys=True) == outlines


def test_the_cached_data_equals_a_fresh_load(shared: Dataset) -> None:
    fresh = load(BUNDLED_DIR)
    assert set(shared.tables) == set(fresh.tables)
    for name, frame in fresh.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], frame, obj=name)
