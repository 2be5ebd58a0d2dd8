"""Case-study cards and detail view, every field shown as inert text.

A row is a case as a mapping (a DataFrame row or a dict from the prepared records).
The case's `note` column holds the dataset editors' working notes (contradictions
found, choices made): it is never shown to users.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from odd17.case_studies import NATIONAL, labels, region_codes
from odd17.formats import escape_markdown as md
from odd17.state import CASE_PARAM, REGION_PARAM
from odd17.ui import region

SUMMARY_CHARS = 180  # about two lines on a laptop
EXAMPLES_PAGE = "pages/exemples.py"
EXAMPLES_URL = "exemples-inspirants"  # its url_path in app.py
# Cards per page of results: six rows of two. Each card is 7 elements, so a page of results
# stays far below Streamlit's 500-message send queue whatever the number of cases.
PAGE_SIZE = 12
NATIONAL_LABEL = "Exemple national"
PREVIEW = 6  # cards shown on a region's profile; the rest are a link away, on the examples page


def places(cell: object, region_names: Mapping[str, str]) -> str:
    """The regions of a case, a national one named as such."""
    codes = region_codes(cell)
    named = [NATIONAL_LABEL if code == NATIONAL else region_names.get(code, code) for code in codes]
    return ", ".join(named)


@functools.cache
def examples_page() -> st.Page:
    """The examples page as app.py registers it: a link to a Page skips resolving a file path per card (about 1 ms each)."""
    return st.Page(EXAMPLES_PAGE, title="Exemples inspirants", url_path=EXAMPLES_URL)


def years(row: Mapping) -> str:
    start, end = row["year_start"], row["year_end"]
    if pd.isna(start):
        return "années non précisées"
    return f"depuis {start}" if pd.isna(end) else (str(start) if start == end else f"{start}-{end}")


def short(text: str, limit: int = SUMMARY_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def card(row: Mapping, vocab: dict[str, dict[str, str]], region_names: dict[str, str], link_params: dict[str, str] | None = None) -> None:
    """One bordered card; the button opens the detail view."""
    with st.container(border=True):
        st.markdown(f"#### {md(row['title'])}")
        st.caption(md(row["actors"]) or "Acteurs non précisés")
        facts = [
            places(row["regions"], region_names) or "Région non précisée",
            labels(row["category"], vocab["category"]) or "Catégorie non précisée",
            labels(row["domains"], vocab["domains"]) or "Domaine non précisé",
            years(row),
        ]
        st.markdown(" · ".join(md(f) for f in facts))
        if not pd.isna(row["key_figure"]) and row["key_figure"]:
            st.markdown(f"**{md(row['key_figure'])}**")
        st.markdown(md(short(row["summary"])))
        params = {CASE_PARAM: row["id"], REGION_PARAM: region.current(), **(link_params or {})}
        st.page_link(examples_page(), label="Voir le détail", query_params=params)


def detail(row: Mapping, vocab: dict[str, dict[str, str]], region_names: dict[str, str], citation: str) -> None:
    """The full record of one example."""
    with st.container(border=True):
        st.markdown(f"### {md(row['title'])}")
        st.markdown(md(row["summary"]))
        facts = {
            "Acteurs": row["actors"],
            "Profils": labels(row["actor_profiles"], vocab["actor_profiles"]),
            "Domaines": labels(row["domains"], vocab["domains"]),
            "Niveau territorial": labels(row["level"], vocab["level"]),
            "Catégorie de partenariat": labels(row["category"], vocab["category"]),
            "Régions": places(row["regions"], region_names),
            "Années": years(row),
            "Chiffre clé": row["key_figure"],
        }
        for name, value in facts.items():
            st.markdown(f"**{name}** : {md(value) or 'non précisé'}")
        st.caption("Source : " + md(citation))
