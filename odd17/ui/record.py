"""The published record on the pages: regional reports, the population context, cautions.

Small calls a page inserts as separate lines (`record.report_links(ds, code)`),
so that a page's layout stays its owner's.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odd17 import context, indicators, reports
from odd17.formats import NBSP, no_break
from odd17.formats import escape_markdown as md
from odd17.regions import FRANCE


def report_links(ds, code: str) -> None:
    """Which published report covers the region, with a link to its public page."""
    if code == FRANCE:
        return
    rows = reports.for_region(ds, code)
    st.subheader("Le rapport régional publié")
    if rows.empty:
        st.caption(md(no_break(reports.none_message(ds))))
        return
    for _, row in rows.iterrows():
        with st.container(border=True):
            st.markdown(f"**{md(row['title'])}** — {md(row['publisher'])}, {md(row['date_display'])} (étude {md(row['study'])})")
            st.caption(md(no_break(f"{reports.FULL_FIGURES} {row['note']}")))
            if row["url"]:  # reports.for_region keeps only http(s) links, as the Sources page does
                st.link_button("Lire la page du rapport", row["url"], help=row["url"])


def population(ds, code: str) -> None:
    """The region's Insee population: a context line under the study's sample base, never a headline number."""
    row = context.population(ds, code)
    if row is None:
        return
    st.markdown(md(context.population_line(row)))
    st.caption(md(no_break(f"{context.NOT_A_RATE} Source : {row['citation']}.")))


def cautions(frame: pd.DataFrame) -> None:
    """The notes that carry a conflict between sources or a doubtful reading, shown with the figures."""
    show_cautions(indicators.cautions(frame))


def show_cautions(notes: pd.DataFrame) -> None:
    """Cautions already worked out by indicators.cautions (a page may prepare them once per dataset)."""
    for _, row in notes.iterrows():
        st.warning(f"**{md(no_break(row['figures']))}**{NBSP}: {md(no_break(row['note']))}", icon=":material/info:")
