"""Cached builders shared by every session: what a page would otherwise rebuild on each run.

The odd17 builders are pure (data in, table, chart or deck out); here they are
wrapped in st.cache_data and st.cache_resource so that a rerun (a click, a page
change, another person's session) reuses what was built for the same inputs.
Objects from st.cache_resource are shared between sessions and never modified:
the odd17 functions return new objects, and Streamlit only reads them.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import weakref
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from odd17 import case_studies, geo, indicators
from odd17.dataset import Dataset
from odd17.ui import data

if TYPE_CHECKING:  # altair and pydeck load with the first chart or map, not with every page that uses this module
    import altair as alt
    import pydeck as pdk

try:  # what st.altair_chart itself runs: Streamlit's theme and Arrow-encoded data, under its lock
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as altair_to_spec
except ImportError:  # a Streamlit without it: `show` falls back on st.altair_chart
    altair_to_spec = None

# Charts and decks per (dataset, indicator, region, filter): a bound, not a target;
# the whole app has a few hundred distinct ones, each a few kilobytes.
MAX_ENTRIES = 512
# Vega-Lite specs of the charts on screen, by chart object; dropped with the chart.
_SPECS: dict[int, dict] = {}


def fingerprint(frame: pd.DataFrame) -> str:
    """A content hash of a small table: cheaper than Streamlit's default hashing of DataFrames."""
    return hashlib.sha1(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


FRAME_HASH = {pd.DataFrame: fingerprint}


_KEYS: dict[int, str] = {}


def key(ds: Dataset) -> str:
    """Names a loaded dataset in the caches below: its folder and the folder's modification stamp.

    Worked out once per Dataset object (an edited folder is loaded as a new object, so it
    gets a new key): a page asks for it several times a run, and each scan of the folder
    costs a few milliseconds on a busy disk.
    """
    found = _KEYS.get(id(ds))
    if found is None:
        found = _KEYS[id(ds)] = f"{ds.path}|{data.folder_stamp(ds.path)}"
        weakref.finalize(ds, _KEYS.pop, id(ds), None)  # an id is only reused once its object is gone
    return found


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES, hash_funcs=FRAME_HASH)
def chart(builder: str, *args: Any) -> alt.TopLevelMixin:
    """`charts.<builder>(*args)`, built once per distinct input and shared: never modify it."""
    from odd17 import charts

    return getattr(charts, builder)(*args)


def show(built: alt.TopLevelMixin, width: int | None = None) -> None:
    """st.altair_chart(built), with the conversion to Vega-Lite done once per chart object.

    Altair validates the whole spec against its JSON schema on every conversion:
    for a chart from `chart` (the same object on every run) that is done once.
    """
    if altair_to_spec is None:
        st.altair_chart(built, width=width or "stretch")
        return
    if id(built) not in _SPECS:
        spec = altair_to_spec(built)
        weakref.finalize(built, _SPECS.pop, id(built), None)
        _SPECS[id(built)] = spec
    # Streamlit moves the data out of the spec it is given: hand it a copy.
    st.vega_lite_chart(spec=copy.deepcopy(_SPECS[id(built)]), width=width)  # None: Streamlit's default


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)
def _facets(dataset_key: str, _ds: Dataset) -> dict[str, dict[str, str]]:
    return {column: case_studies.facet_options(_ds.concepts, column) for column in case_studies.FACETS}


def facets(ds: Dataset) -> dict[str, dict[str, str]]:
    """The vocabulary of every case-study facet (column → id → label), once per dataset."""
    return _facets(key(ds), ds)


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _region_deck(dataset_key: str, indicator: str, selected: str, _ds: Dataset, _outlines: dict, _frames: dict) -> pdk.Deck:
    from odd17 import charts

    features = geo.join_values(_outlines, charts.map_properties(indicators.map_values(_ds, indicator), selected))
    return charts.region_deck(features, geo.overseas_labels(_frames), _frames)


def region_deck(ds: Dataset, indicator: str, selected: str, outlines: dict, frames: dict) -> pdk.Deck:
    """The map of one indicator with one region outlined, built once and shared: never modify it.

    `outlines` and `frames` are the dataset's cached geometry (odd17.ui.data), so the dataset's key names them.
    """
    return _region_deck(key(ds), indicator, selected, ds, outlines, frames)


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _highlight_deck(dataset_key: str, selected: str, view: tuple, _ds: Dataset, _outlines: dict, _frames: dict) -> pdk.Deck:
    from odd17 import charts

    features = geo.join_values(_outlines, charts.highlight_properties(list(_ds.regions["code"]), selected))
    return charts.region_deck(features, geo.overseas_labels(_frames), _frames, view=dict(view), text_size=22, static=True)


def highlight_deck(ds: Dataset, selected: str, outlines: dict, frames: dict, view: dict) -> pdk.Deck:
    """The workshop's map: `selected` in orange, no mouse or keys; built once per region and shared."""
    return _highlight_deck(key(ds), selected, tuple(sorted(view.items())), ds, outlines, frames)


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _slides(dataset_key: str, code: str, _ds: Dataset) -> list:
    from odd17 import workshop

    return workshop.slides(_ds, code)


def slides(ds: Dataset, code: str) -> list:
    """The workshop's slides for one region, built once per dataset and region and shared: never modify them."""
    return _slides(key(ds), code, ds)
