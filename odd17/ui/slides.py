"""Rendering of the workshop slides and the presenter's remote (keyboard).

Text from data goes through escape_markdown; the only HTML is our own CSS
(chrome.PROJECTION_CSS), which styles the keyed containers used here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odd17 import workshop
from odd17.formats import MISSING, is_missing
from odd17.formats import escape_markdown as md
from odd17.ui.chrome import WORKSHOP_PARAM

STORE = "_slide"
WRITTEN = "_slide_written"
FIGURE_COLUMNS = 3
SQUARE_COLUMNS = 2
# Container keys styled by chrome.PROJECTION_CSS (Streamlit adds the class st-key-<key>).
BIG_VALUE = "big-value"
MISSING_VALUE = "missing-value"
KEY_FIGURE = "key-figure"
NAV = "slide-nav"
REMOTE_KEYS = "remote-keys"
HOME = "pages/accueil.py"


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


def remote(number: int, count: int) -> None:
    """Buttons in a bar fixed at the bottom, plus the keys a presenter's remote sends.

    Streamlit's shortcuts listen on the whole page: ← → on the visible buttons,
    Page Up / Page Down (what most clickers send) on two buttons moved off-screen.
    """
    with st.container(key=NAV):
        left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
        left.button("← Précédent", shortcut="Left", on_click=step, args=(-1, count), key="prev", width="stretch", disabled=number <= 1)
        right.button("Suivant →", shortcut="Right", on_click=step, args=(1, count), key="next", width="stretch", disabled=number >= count)
        hint, leave = middle.columns([3, 1], vertical_alignment="center")
        hint.markdown(f"Diapositive {number} sur {count} · flèches ← → ou Page précédente / suivante")
        # Changing page drops ?atelier=1, so this link is the way back to the app with its sidebar.
        leave.page_link(HOME, label="Quitter l'atelier")
    with st.container(key=REMOTE_KEYS):
        st.button("Page précédente", shortcut="PageUp", on_click=step, args=(-1, count), key="pgup")
        st.button("Page suivante", shortcut="PageDown", on_click=step, args=(1, count), key="pgdn")


def write_url(number: int) -> None:
    """Region and slide stay in the URL, so a facilitator can prepare the links."""
    st.query_params[workshop.SLIDE_PARAM] = str(number)
    st.query_params[WORKSHOP_PARAM] = "1"
    st.session_state[WRITTEN] = str(number)


def render(slide: workshop.Slide, number: int, count: int, region_name: str) -> None:
    st.caption(f"ODD 17 : Alliance & Innovation · {md(region_name)} · diapositive {number}/{count}")
    st.markdown(f"# {md(slide.title)}")
    if slide.message:
        st.markdown(f"## {md(slide.message)}")
    if not slide.rows.empty:
        RENDERERS[slide.kind](slide.rows, region_name)
    if slide.note:
        st.markdown(md(slide.note))
    if slide.source:
        st.caption(f"Source : {md(slide.source)}")


def figures(rows: pd.DataFrame, _region_name: str) -> None:
    columns = st.columns(FIGURE_COLUMNS, gap="large")
    for index, (_, row) in enumerate(rows.iterrows()):
        label = row["short_label"] + (f" ({row['year_display']})" if str(row["year_display"]).isdigit() else "")
        columns[index % FIGURE_COLUMNS].metric(md(label), md(row["display"]))


def boxes(rows: pd.DataFrame, per_row: int) -> None:
    for start in range(0, len(rows), per_row):
        chunk = rows.iloc[start : start + per_row]
        for column, (_, row) in zip(st.columns(per_row), chunk.iterrows(), strict=False):
            with column.container(border=True, height="stretch"):
                st.markdown(f"### {md(row['label'])}")
                st.markdown(md(row["definition"]))


def eras(rows: pd.DataFrame, _region_name: str) -> None:
    boxes(rows, len(rows))


def square(rows: pd.DataFrame, _region_name: str) -> None:
    boxes(rows, SQUARE_COLUMNS)


def years(row: pd.Series) -> str:
    region_year, france_year = row["year_display"], row.get("france_year_display")
    if is_missing(france_year) or france_year == region_year:
        return str(region_year)
    return f"région : {region_year} · France : {france_year}"


def region(rows: pd.DataFrame, region_name: str) -> None:
    """One line per figure: what it measures, the region's value, France's value."""
    widths = [5, 2, 2]
    head = st.columns(widths, vertical_alignment="bottom")
    head[1].markdown(f"**{md(region_name)}**")
    head[2].markdown("**France**")
    for index, (_, row) in enumerate(rows.iterrows()):
        label, mine, france = st.columns(widths, vertical_alignment="center")
        label.markdown(f"{md(row['label'])}  \n*{md(years(row))}*")
        with mine.container(key=f"{BIG_VALUE}-r{index}"):
            st.markdown(md(row["display"]))
        published = not is_missing(row["france_value"])
        with france.container(key=f"{BIG_VALUE if published else MISSING_VALUE}-f{index}"):
            st.markdown(md(row["france_display"] if published else MISSING))


def examples(rows: pd.DataFrame, _region_name: str) -> None:
    for index, (column, (_, row)) in enumerate(zip(st.columns(len(rows)), rows.iterrows(), strict=True)):
        with column.container(border=True, height="stretch"):
            st.markdown(f"### {md(row['title'])}")
            if not is_missing(row["key_figure"]) and row["key_figure"]:
                with st.container(key=f"{KEY_FIGURE}-{index}"):
                    st.markdown(md(row["key_figure"]))
            st.markdown(md(row["summary"]))


def sources(rows: pd.DataFrame, _region_name: str) -> None:
    for _, row in rows.iterrows():
        places = " · ".join(md(place) for place in row["places"])
        st.markdown(f"- {md(row['work'])}" + (f"  \n  {places}" if places else ""))


RENDERERS = {"figures": figures, "eras": eras, "square": square, "region": region, "examples": examples, "sources": sources}


# The live debate's slides (odd17.workshop.debate_slides), drawn by odd17.ui.debate.
from odd17.ui import debate as live  # noqa: E402  (kept apart from the deck's own code above)

RENDERERS.update(
    {workshop.DEBATE_JOIN: live.slide_join, workshop.DEBATE_QUESTION: live.slide_question, workshop.DEBATE_RESULTS: live.slide_results}
)
