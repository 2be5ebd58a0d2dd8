"""The examples page's filters: widgets initialised from the URL, written back to it, and the page of results."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from odd17 import case_studies, state
from odd17.case_studies import CaseIndex, Filters, Paging
from odd17.dataset import Dataset
from odd17.formats import escape_markdown
from odd17.regions import FRANCE, shown
from odd17.ui import cache, region

SIGNATURE = "_filters_url"
# Streamlit drops a widget's state when its page is left: the filters are also kept
# here, so that they survive a page change and the widgets can be rebuilt from them.
KEPT = "_filters_kept"
PAGE = "_examples_page"
# The sidebar region the regions filter was last set from (see follow_sidebar).
FOLLOWED = "_filters_region"
WIDGETS = {"regions": "f_regions", "actor_profiles": "f_profiles", "domains": "f_domains", "level": "f_level", "category": "f_category"}
WIDGET_KEYS = (*WIDGETS.values(), "f_years", "f_query")
OWN_PARAMS = ("regions", *state.LIST_PARAMS, state.YEAR_PARAM, state.QUERY_PARAM, state.PAGE_PARAM)
LABELS = {
    "regions": "Régions",
    "actor_profiles": "Profils d'acteurs",
    "domains": "Domaines",
    "level": "Niveau territorial",
    "category": "Catégorie de partenariat",
}
# Several datasets (a region's folder, the bundled one) may be open at once: each keeps its index.
INDEX_ENTRIES = 16
NATIONAL_OPTION = "France (exemples nationaux)"


@dataclass(frozen=True)
class Prepared:
    """What the examples page needs of a dataset, built once per dataset and shared by every session."""

    index: CaseIndex
    records: tuple[dict, ...]  # the case rows as dicts, by row number: cheaper to read than DataFrame rows
    ids: dict[str, int]  # case id → row number


@st.cache_resource(show_spinner=False, max_entries=INDEX_ENTRIES)
def _prepared(dataset_key: str, _ds: Dataset, _region_names: dict[str, str]) -> Prepared:
    cases = _ds.case_studies
    records = tuple(cases.to_dict("records"))
    return Prepared(case_studies.build_index(cases, _region_names), records, {r["id"]: n for n, r in enumerate(records)})


def prepared(ds: Dataset, region_names: dict[str, str]) -> Prepared:
    """The dataset's case index and rows, keyed by the dataset's folder and modification stamp."""
    return _prepared(cache.key(ds), ds, region_names)


def url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def signature(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else (v,)) for k, v in params.items() if k in OWN_PARAMS))


def default_filters(sidebar_region: str) -> Filters:
    """The view a plain visit opens on: the sidebar's region and the national examples, or everything for France."""
    return Filters() if sidebar_region == FRANCE else Filters(regions=(sidebar_region, FRANCE))


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
        sidebar = region.current()
        opened = parsed.filters if own else default_filters(sidebar)  # a link wins; a plain visit opens on the region
        load(opened, bounds)
        st.session_state[KEPT] = opened
        st.session_state[FOLLOWED] = sidebar
        st.session_state[PAGE] = state.values(params, state.PAGE_PARAM)[:1] or ["1"]
        for notice in parsed.notices:
            st.warning(escape_markdown(notice))


def follow_sidebar() -> None:
    """When the sidebar region changes and the regions filter still shows the previous one's default, follow it."""
    sidebar, followed = region.current(), st.session_state.get(FOLLOWED)
    if followed is None or sidebar == followed:
        return
    st.session_state[FOLLOWED] = sidebar
    if tuple(st.session_state.get("f_regions", ())) == default_filters(followed).regions:
        st.session_state["f_regions"] = list(default_filters(sidebar).regions)


def show_all_regions() -> None:
    """Button callback: drop the regions filter (the one-click way back from the sidebar region's view)."""
    st.session_state["f_regions"] = []


def examples_filters(ds, vocab: dict[str, dict[str, str]], region_names: dict[str, str], bounds: tuple[int, int]) -> Filters:
    """Render the filters and return them; the URL always reproduces the view."""
    regions = {code: region_names[code] for code in ds.regions["code"]}
    options = {**vocab, "regions": {**regions, FRANCE: NATIONAL_OPTION}}
    params = url_params()
    parsed = state.parse_filters(params, {k: set(v) for k, v in options.items()}, set(options["regions"]), bounds)
    restore(params, parsed, bounds)
    follow_sidebar()
    with st.container(border=True):
        search, where = st.columns(2)
        search.text_input(
            "Rechercher (titre, résumé, acteurs, lieux, régions ; accents facultatifs)", key="f_query", max_chars=state.MAX_QUERY
        )
        where.multiselect(
            LABELS["regions"], list(options["regions"]), key="f_regions", format_func=options["regions"].get, placeholder="Toutes"
        )
        # The other filters fold away, so that on a phone the first results are one screen down, not four.
        others = [key for key in (*WIDGET_KEYS,) if key not in ("f_regions", "f_query")]
        used = (
            any(st.session_state.get(key) for key in others if key != "f_years") or tuple(st.session_state.get("f_years", bounds)) != bounds
        )
        with st.expander("Plus de filtres : profils, domaines, niveau, catégorie, période", expanded=used):
            columns = st.columns(3)
            for index, (column, key) in enumerate(list(WIDGETS.items())[1:]):
                labels = options[column]
                columns[index % 3].multiselect(LABELS[column], list(labels), key=key, format_func=labels.get, placeholder="Tous")
            if bounds[0] < bounds[1]:  # a slider needs two different ends
                columns[1].slider("Période", bounds[0], bounds[1], key="f_years")
    years = tuple(st.session_state.get("f_years", bounds))
    chosen = Filters(
        years=None if years == bounds else years,
        query=st.session_state["f_query"],
        **{column: tuple(st.session_state[key]) for column, key in WIDGETS.items()},
    )
    if st.session_state.get(KEPT, chosen) != chosen:
        st.session_state[PAGE] = ["1"]  # other results: back to their first page
    st.session_state[KEPT] = chosen
    return chosen


def region_view_notice(chosen: Filters, region_names: dict[str, str]) -> None:
    """Say that the list is the sidebar region's (with the national examples), with a button back to all."""
    sidebar = region.current()
    if sidebar == FRANCE or chosen.regions != default_filters(sidebar).regions:
        return
    text, button = st.columns([3, 1], vertical_alignment="center")
    text.caption(f"Exemples de la région {escape_markdown(region_names.get(sidebar, sidebar))} et exemples nationaux.")
    button.button("Voir tous les exemples", on_click=show_all_regions, key="f_all_regions")


def page_of(total: int, size: int) -> Paging:
    """The page of results asked for (URL or buttons), clamped to the pages there are."""
    return case_studies.paging(total, (st.session_state.get(PAGE) or ["1"])[0], size)


def go_to(number: int) -> None:
    st.session_state[PAGE] = [str(number)]


def pager(page: Paging) -> None:
    """Previous / next buttons around « Page p sur P »: a fixed number of elements, however many pages."""
    if page.pages <= 1:
        return
    previous, where, following = st.columns([1, 2, 1], vertical_alignment="center")
    previous.button("← Précédents", key="f_previous", disabled=page.page == 1, on_click=go_to, args=(page.page - 1,), width="stretch")
    where.markdown(f"<p style='text-align:center;margin:0'>Page {page.page} sur {page.pages}</p>", unsafe_allow_html=True)
    following.button("Suivants →", key="f_next", disabled=page.page == page.pages, on_click=go_to, args=(page.page + 1,), width="stretch")


def write_url(chosen: Filters, page: Paging) -> dict[str, str]:
    """Put the filters and the page number in the URL; returns the parameters written."""
    params = state.encode_filters(chosen)
    if page.page > 1:
        params[state.PAGE_PARAM] = str(page.page)
    for key in OWN_PARAMS:
        if key in st.query_params and key not in params:
            del st.query_params[key]
    for key, value in params.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    st.session_state[PAGE] = [str(page.page)]
    st.session_state[SIGNATURE] = signature(url_params())
    return params


# A few lines of script in an st.iframe (Streamlit's iframes are allowed clipboard-write and
# share the app's origin): on click, the page's own address (Streamlit keeps the filters and
# the page number in it), copied with the Clipboard API, else with the older
# execCommand("copy") that also works on plain http. The document never changes, so a
# filter click does not reload the iframe.
COPY_BUTTON = """
<button id="copy" type="button">Copier le lien</button> <span id="said" role="status"></span>
<style>
  body { margin: 0; font-family: "Source Sans Pro", sans-serif; }
  button { font: inherit; font-size: 1rem; padding: .3rem .8rem; border-radius: .5rem; cursor: pointer;
           border: 1px solid rgba(49, 51, 63, .3); background: #fff; color: rgb(49, 51, 63); }
  button:hover { border-color: #ff4b4b; color: #ff4b4b; }
  button:focus-visible { outline: 3px solid #1c6fd1; outline-offset: 2px; }
  span { color: rgb(49, 51, 63); }
</style>
<script>
  function older(link) {
    const area = document.createElement("textarea");
    area.value = link; document.body.appendChild(area); area.select();
    const done = document.execCommand("copy"); area.remove(); return done;
  }
  document.getElementById("copy").addEventListener("click", async () => {
    let done = false, link = "";
    try { link = window.parent.location.href; } catch (error) { link = ""; }
    if (link) {
      try { await navigator.clipboard.writeText(link); done = true; } catch (error) { done = older(link); }
    }
    document.getElementById("said").textContent = done
      ? "Lien copié."
      : "Copie impossible ici : sélectionnez le lien ci-dessous.";
  });
</script>
"""


def share(params: dict[str, str]) -> None:
    """« Copier le lien » and the link itself as selectable text (the fallback when the clipboard is refused)."""
    query = urlencode({state.REGION_PARAM: region.current(), **params})
    link = f"{st.context.url or ''}?{query}"
    with st.container(border=False):
        st.iframe(COPY_BUTTON, height=44)
        st.code(link, language=None, wrap_lines=True)
        st.caption("Ce lien rouvre la page avec ces filtres et cette page de résultats.")


def clear_filters() -> None:
    """Button callback: the next run rebuilds every widget from empty filters."""
    st.session_state[KEPT] = Filters()
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


def detail_id(known: dict[str, int]) -> str | None:
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
