"""Case-study cards and detail view, every field shown as inert text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odd17.case_studies import labels
from odd17.formats import escape_markdown as md
from odd17.state import CASE_PARAM, REGION_PARAM
from odd17.ui import region

SUMMARY_CHARS = 180  # about two lines on a laptop
EXAMPLES_PAGE = "pages/exemples.py"


def years(row: pd.Series) -> str:
    start, end = row["year_start"], row["year_end"]
    if pd.isna(start):
        return "années non précisées"
    return f"depuis {start}" if pd.isna(end) else (str(start) if start == end else f"{start}-{end}")


def short(text: str, limit: int = SUMMARY_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def card(row: pd.Series, vocab: dict[str, dict[str, str]], region_names: dict[str, str], link_params: dict[str, str] | None = None) -> None:
    """One bordered card; the button opens the detail view."""
    with st.container(border=True):
        st.markdown(f"#### {md(row['title'])}")
        st.caption(md(row["actors"]) or "Acteurs non précisés")
        facts = [
            labels(row["regions"], region_names) or "Région non précisée",
            labels(row["category"], vocab["category"]) or "Catégorie non précisée",
            labels(row["domains"], vocab["domains"]) or "Domaine non précisé",
            years(row),
        ]
        st.markdown(" · ".join(md(f) for f in facts))
        if row["key_figure"]:
            st.markdown(f"**{md(row['key_figure'])}**")
        st.markdown(md(short(row["summary"])))
        params = {CASE_PARAM: row["id"], REGION_PARAM: region.current(), **(link_params or {})}
        st.page_link(EXAMPLES_PAGE, label="Voir le détail", query_params=params)


def detail(row: pd.Series, vocab: dict[str, dict[str, str]], region_names: dict[str, str], citation: str) -> None:
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
            "Régions": labels(row["regions"], region_names),
            "Années": years(row),
            "Chiffre clé": row["key_figure"],
            "Note": row["note"],
        }
        for name, value in facts.items():
            st.markdown(f"**{name}** : {md(value) or 'non précisé'}")
        st.caption("Source : " + md(citation))
