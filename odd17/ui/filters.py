"""The examples page's filters: widgets initialised from the URL, written back to it."""

from __future__ import annotations

import streamlit as st

from odd17 import state
from odd17.case_studies import Filters
from odd17.formats import escape_markdown
from odd17.regions import FRANCE, shown

SIGNATURE = "_filters_url"
# Streamlit drops a widget's state when its page is left: the filters are also kept
# here, so that they survive a page change and the widgets can be rebuilt from them.
KEPT = "_filters_kept"
WIDGETS = {"regions": "f_regions", "actor_profiles": "f_profiles", "domains": "f_domains", "level": "f_level", "category": "f_category"}
WIDGET_KEYS = (*WIDGETS.values(), "f_years", "f_query")
OWN_PARAMS = ("regions", *state.LIST_PARAMS, state.YEAR_PARAM, state.QUERY_PARAM)
LABELS = {
    "regions": "Régions",
    "actor_profiles": "Profils d'acteurs",
    "domains": "Domaines",
    "level": "Niveau territorial",
    "category": "Catégorie de partenariat",
}


def url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def signature(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else (v,)) for k, v in params.items() if k in OWN_PARAMS))


def load(filters: Filters, bounds: tuple[int, int]) -> None:
    """Set the widgets to these filters."""
    for column, key in WIDGETS.items():
        st.session_state[key] = list(getattr(filters, column))
    st.session_state["f_years"] = filters.years or bounds
    st.session_state["f_query"] = filters.query


def restore(params: dict, parsed: state.Parsed, bounds: tuple[int, int]) -> None:
    """Rebuild the widgets' state when needed: a link was opened, or the page was left and reopened."""
    own = signature(params)
    url_changed = st.session_state.get(SIGNATURE) != own
    missing = any(key not in st.session_state for key in WIDGET_KEYS)
    if missing and KEPT in st.session_state and (not own or not url_changed):
        load(st.session_state[KEPT], bounds)  # back on the page (the URL lost its filters): keep them
    elif url_changed or missing:
        load(parsed.filters, bounds)  # a page load or a shared link: the URL wins
        for notice in parsed.notices:
            st.warning(escape_markdown(notice))


def examples_filters(ds, vocab: dict[str, dict[str, str]], region_names: dict[str, str], bounds: tuple[int, int]) -> Filters:
    """Render the filters and return them; the URL always reproduces the view."""
    options = {**vocab, "regions": {code: region_names[code] for code in [*ds.regions["code"], FRANCE]}}
    params = url_params()
    parsed = state.parse_filters(params, {k: set(v) for k, v in options.items()}, set(options["regions"]), bounds)
    restore(params, parsed, bounds)
    with st.container(border=True):
        st.text_input("Rechercher (titre, résumé, acteurs ; accents facultatifs)", key="f_query", max_chars=state.MAX_QUERY)
        columns = st.columns(3)
        for index, (column, key) in enumerate(WIDGETS.items()):
            labels = options[column]
            columns[index % 3].multiselect(LABELS[column], list(labels), key=key, format_func=labels.get, placeholder="Tous")
        if bounds[0] < bounds[1]:  # a slider needs two different ends
            columns[2].slider("Période", bounds[0], bounds[1], key="f_years")
    years = tuple(st.session_state.get("f_years", bounds))
    chosen = Filters(
        years=None if years == bounds else years,
        query=st.session_state["f_query"],
        **{column: tuple(st.session_state[key]) for column, key in WIDGETS.items()},
    )
    st.session_state[KEPT] = chosen
    write_url(state.encode_filters(chosen))
    return chosen


def write_url(params: dict[str, str]) -> None:
    for key in OWN_PARAMS:
        if key in st.query_params and key not in params:
            del st.query_params[key]
    for key, value in params.items():
        st.query_params[key] = value
    st.session_state[SIGNATURE] = signature(url_params())


def clear_filters() -> None:
    """Button callback: the next run rebuilds every widget from empty filters."""
    st.session_state[KEPT] = Filters()
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


def detail_id(known: set[str]) -> str | None:
    """The example named by ?exemple=, or None (with a notice if unknown)."""
    value = st.query_params.get(state.CASE_PARAM)
    if not value:
        return None
    if value in known:
        return value
    st.warning(escape_markdown(f"L'exemple « {shown(value)} » n'existe pas dans ce jeu de données."))
    return None


def close_detail() -> None:
    if state.CASE_PARAM in st.query_params:
        del st.query_params[state.CASE_PARAM]
