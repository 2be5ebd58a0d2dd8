"""The chosen region: read once from the URL, kept in the session, written back.

Streamlit clears query parameters when the page changes, so the session keeps
the region and every run writes it back into the URL.
"""

from __future__ import annotations

import streamlit as st

from odd17.dataset import Dataset
from odd17.regions import FRANCE, names, options, parse_region
from odd17.state import REGION_PARAM

STORE = "_region"
NOTICE = "_region_notice"
PICKER = "region_picker"
WRITTEN = "_region_written"


def read_url(ds: Dataset) -> None:
    """Take the region from the URL when it is not the one we wrote (a link was opened)."""
    if REGION_PARAM not in st.query_params:
        return
    raw = st.query_params.get_all(REGION_PARAM)
    if raw == st.session_state.get(WRITTEN):
        return
    choice = parse_region(raw, set(ds.regions["code"]))
    st.session_state[STORE] = choice.code
    st.session_state[NOTICE] = choice.notice


def on_pick() -> None:
    st.session_state[STORE] = st.session_state[PICKER]
    st.session_state[NOTICE] = None


@st.cache_resource(show_spinner=False, max_entries=16)
def _choices(dataset_key: str, _ds: Dataset) -> tuple[tuple[str, ...], dict[str, str]]:
    return tuple(options(_ds.regions)), names(_ds.regions)


def picker(ds: Dataset, where=st.sidebar) -> str:
    """The region picker; returns the chosen code and keeps the URL in step."""
    read_url(ds)
    current = st.session_state.setdefault(STORE, FRANCE)
    st.session_state[PICKER] = current
    from odd17.ui.cache import key  # the picker is on every page: its options are sorted once per dataset

    codes, labels = _choices(key(ds), ds)
    where.selectbox("Votre région", codes, key=PICKER, format_func=labels.get, on_change=on_pick)
    st.query_params[REGION_PARAM] = current
    st.session_state[WRITTEN] = [current]
    return current


def current() -> str:
    return st.session_state.get(STORE, FRANCE)


def notice() -> str | None:
    return st.session_state.get(NOTICE)


def clear_notice() -> None:
    st.session_state[NOTICE] = None


def choose(code: str) -> None:
    """Select a region from elsewhere than the picker (e.g. a click on the map)."""
    st.session_state[STORE] = code
    st.session_state[NOTICE] = None
