"""Rendering of the workshop slides and the presenter's remote (keyboard)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odd17 import workshop
from odd17.formats import escape_markdown as md
from odd17.ui.chrome import WORKSHOP_PARAM

STORE = "_slide"
WRITTEN = "_slide_written"


def current(count: int) -> tuple[int, str | None]:
    """The slide to show: from the URL when it was opened or changed, else the session's."""
    url_value = st.query_params.get(workshop.SLIDE_PARAM)
    if st.session_state.get(WRITTEN) != url_value or STORE not in st.session_state:
        number, notice = workshop.parse_slide(url_value, count)
        st.session_state[STORE] = number
        return number, notice
    return min(max(st.session_state[STORE], 1), count), None


def step(delta: int, count: int) -> None:
    st.session_state[STORE] = min(max(st.session_state.get(STORE, 1) + delta, 1), count)


def remote(count: int) -> None:
    """On-screen buttons, plus the keys a presenter's remote sends (arrows, Page Up/Down)."""
    left, middle, right = st.columns([1, 4, 1])
    left.button("← Précédent", shortcut="Left", on_click=step, args=(-1, count), key="prev", width="stretch")
    right.button("Suivant →", shortcut="Right", on_click=step, args=(1, count), key="next", width="stretch")
    middle.caption("Flèches ← → ou Page précédente / suivante pour naviguer.")
    with st.container(key="remote-keys"):  # moved off-screen by CSS; kept for their shortcuts
        st.button("Page précédente", shortcut="PageUp", on_click=step, args=(-1, count), key="pgup")
        st.button("Page suivante", shortcut="PageDown", on_click=step, args=(1, count), key="pgdn")


def write_url(number: int) -> None:
    st.query_params[workshop.SLIDE_PARAM] = str(number)
    st.query_params[WORKSHOP_PARAM] = "1"
    st.session_state[WRITTEN] = str(number)


def render(slide: workshop.Slide, number: int, count: int, region_name: str) -> None:
    st.caption(f"ODD 17 : Alliance & Innovation · {md(region_name)} · diapositive {number}/{count}")
    st.markdown(f"# {md(slide.title)}")
    if slide.message:
        st.markdown(f"## {md(slide.message)}")
        return
    RENDERERS[slide.kind](slide.rows)


def figures(rows: pd.DataFrame) -> None:
    columns = st.columns(3)
    for index, (_, row) in enumerate(rows.iterrows()):
        label = row["short_label"] + (f" ({row['year_display']})" if str(row["year_display"]).isdigit() else "")
        columns[index % 3].metric(label, row["display"])
    cite(rows)


def eras(rows: pd.DataFrame) -> None:
    columns = st.columns(len(rows))
    for column, (_, row) in zip(columns, rows.iterrows(), strict=True):
        with column.container(border=True):
            st.markdown(f"### {md(row['label'])}")
            st.markdown(md(row["definition"]))
    cite(rows)


def square(rows: pd.DataFrame) -> None:
    for start in range(0, len(rows), 2):
        for column, (_, row) in zip(st.columns(2), rows.iloc[start : start + 2].iterrows(), strict=False):
            with column.container(border=True):
                st.markdown(f"### {md(row['label'])}")
                st.markdown(md(row["definition"]))
    cite(rows)


def region(rows: pd.DataFrame) -> None:
    for _, row in rows.head(4).iterrows():
        left, right = st.columns(2)
        left.metric(row["short_label"] + " — région", row["display"])
        right.metric("France", row["france_display"] if isinstance(row["france_display"], str) else "non publié")
    cite(rows)


def examples(rows: pd.DataFrame) -> None:
    for column, (_, row) in zip(st.columns(len(rows)), rows.iterrows(), strict=True):
        with column.container(border=True):
            st.markdown(f"### {md(row['title'])}")
            if row["key_figure"]:
                st.markdown(f"**{md(row['key_figure'])}**")
            st.markdown(md(row["summary"]))


def sources(rows: pd.DataFrame) -> None:
    for citation in rows["citation"]:
        st.markdown(f"- {md(citation)}")


def cite(rows: pd.DataFrame) -> None:
    if "citation" in rows:
        st.caption("Source : " + " ; ".join(md(c) for c in dict.fromkeys(rows["citation"].dropna())))


RENDERERS = {"figures": figures, "eras": eras, "square": square, "region": region, "examples": examples, "sources": sources}
