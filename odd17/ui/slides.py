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
from odd17.ui import cache, data
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
FACT = "fact"  # a figure beside a chart or the map: label, big value, detail
SIDE_VALUE = "side-value"
BOX = "box"  # era, form of partnership, example: a bordered box that fills the slide's height
MAP_HEIGHT = 640  # px: the map beside its facts, above the presenter's bar at 1920×1080
MAP_HEIGHT_UNDER_MESSAGE = 560  # the same, under a two-line message
# The map of the slide, a little closer than the page's (its canvas is taller).
SLIDE_MAP_VIEW = {"latitude": 45.9, "longitude": -0.6, "zoom": 5.0}
SLIDE_MAP_VIEW_SMALL = {"latitude": 45.9, "longitude": -0.6, "zoom": 4.7}


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
    Streamlit also prints each shortcut in a small badge (an English "Shortcut ←"
    for screen readers): the projection CSS hides it, the hint line says the keys.
    """
    with st.container(key=NAV):
        left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
        left.button("← Précédent", shortcut="Left", on_click=step, args=(-1, count), key="prev", width="stretch", disabled=number <= 1)
        right.button("Suivant →", shortcut="Right", on_click=step, args=(1, count), key="next", width="stretch", disabled=number >= count)
        hint, leave = middle.columns([3, 1], vertical_alignment="center")
        hint.markdown(f"Diapositive {number} sur {count} · touches ← → ou Page précédente / suivante")
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
    if slide.kind in LAYOUTS:  # slides with charts or the map: they need the whole slide, not just its rows
        LAYOUTS[slide.kind](slide, region_name)
    elif not slide.rows.empty:
        RENDERERS[slide.kind](slide.rows, region_name)
    if slide.note:
        st.markdown(md(slide.note))
    if slide.source:
        st.caption(f"Source : {md(slide.source)}")


def chart(spec: workshop.Chart) -> None:
    """A slide's chart, built once per input by odd17.charts (cached), under its heading."""
    if spec.heading:
        st.markdown(f"### {md(spec.heading)}")
    if spec.width:  # a fixed width: the slide's CSS zoom scales it with the rest on smaller screens
        cache.show(cache.chart(spec.builder, *spec.args, spec.width), width=spec.width)
    else:
        cache.show(cache.chart(spec.builder, *spec.args))


def charts_only(slide: workshop.Slide, _region_name: str) -> None:
    for spec in slide.charts:
        chart(spec)


def side_by_side(slide: workshop.Slide, _region_name: str) -> None:
    for column, spec in zip(st.columns([2, 3], gap="large"), slide.charts, strict=False):
        with column:
            chart(spec)


def fact(label: str, value: str, detail: str, key: str) -> None:
    """A figure in large type, then one line: what it is, and a detail (France's value, a period...)."""
    with st.container(key=key):
        with st.container(key=f"{BIG_VALUE}-{key}"):
            st.markdown(md(value))
        st.markdown(md(label) + (f"  \n*{md(detail)}*" if detail else ""))


def region_map(slide: workshop.Slide, _region_name: str) -> None:
    """France with the room's region in orange, and what the carnet says of the region beside it."""
    ds = data.dataset()
    # Nothing to say beside it (no region, or nothing published for it): the map takes the width.
    left, right = st.columns([3, 2] if len(slide.rows) else [1, 0.01], gap="large", vertical_alignment="center")
    height, view = (MAP_HEIGHT_UNDER_MESSAGE, SLIDE_MAP_VIEW_SMALL) if slide.message else (MAP_HEIGHT, SLIDE_MAP_VIEW)
    with left:
        deck = cache.highlight_deck(ds, slide.highlight, data.geometry(ds), data.inset_frames(ds), view)
        st.pydeck_chart(deck, height=height, key="slide-map")
    with right:
        for index, (_, row) in enumerate(slide.rows.iterrows()):
            fact(row["label"], row["display"], row["detail"], f"{FACT}-{index}")


def beside_france(slide: workshop.Slide, region_name: str) -> None:
    """Bars where the region and France both have a figure; the region's other figures in large type."""
    rows = slide.rows
    others = rows[~rows["chart"].astype(bool)] if "chart" in rows else rows
    if not slide.charts:
        region(others, region_name)
        return
    if others.empty:
        chart(slide.charts[0])
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(slide.charts[0])
    with right:
        for index, (_, row) in enumerate(others.iterrows()):
            france = row["france_display"] if not is_missing(row["france_value"]) else MISSING
            fact(f"{row['short_label']} ({row['year_display']})", row["display"], f"France : {france}", f"{SIDE_VALUE}-{index}")


def figures(rows: pd.DataFrame, _region_name: str) -> None:
    columns = st.columns(FIGURE_COLUMNS, gap="large")
    for index, (_, row) in enumerate(rows.iterrows()):
        label = row["short_label"] + (f" ({row['year_display']})" if str(row["year_display"]).isdigit() else "")
        columns[index % FIGURE_COLUMNS].metric(md(label), md(row["display"]))


def boxes(rows: pd.DataFrame, per_row: int, kind: str = "") -> None:
    """Bordered boxes; keyed `box-<kind>-<n>` so the projection CSS gives them the slide's height."""
    for start in range(0, len(rows), per_row):
        chunk = rows.iloc[start : start + per_row]
        for index, (column, (_, row)) in enumerate(zip(st.columns(per_row, gap="medium"), chunk.iterrows(), strict=False), start=start):
            with column.container(border=True, height="stretch", key=f"{BOX}-{kind}-{index}"):
                st.markdown(f"### {md(row['label'])}")
                st.markdown(md(row["definition"]))


def eras(rows: pd.DataFrame, _region_name: str) -> None:
    boxes(rows, len(rows), "era")


def square(rows: pd.DataFrame, _region_name: str) -> None:
    boxes(rows, SQUARE_COLUMNS, "square")


def years(row: pd.Series) -> str:
    region_year, france_year = row["year_display"], row.get("france_year_display")
    if is_missing(france_year) or france_year == region_year:
        return str(region_year)
    return f"région : {region_year} · France : {france_year}"


def region(rows: pd.DataFrame, region_name: str) -> None:
    """One line per figure: what it measures, the region's value, France's value (no chart)."""
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
    for index, (column, (_, row)) in enumerate(zip(st.columns(len(rows), gap="medium"), rows.iterrows(), strict=True)):
        with column.container(border=True, height="stretch", key=f"{BOX}-example-{index}"):
            scope = row.get("scope", "")
            if not is_missing(scope) and scope:
                st.markdown(f"**{md(scope)}**")
            st.markdown(f"### {md(row['title'])}")
            if not is_missing(row["key_figure"]) and row["key_figure"]:
                with st.container(key=f"{KEY_FIGURE}-{index}"):
                    st.markdown(md(row["key_figure"]))
            st.markdown(md(short(row["summary"])))


def short(text: object, limit: int = 260) -> str:
    """An example's summary cut at a sentence (or a word) so three boxes fit a projected slide."""
    text = "" if is_missing(text) else str(text)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 2 else cut[: cut.rfind(" ")] + "…"


def sources(rows: pd.DataFrame, _region_name: str) -> None:
    for _, row in rows.iterrows():
        places = " · ".join(md(place) for place in row["places"])
        st.markdown(f"- {md(row['work'])}" + (f"  \n  {places}" if places else ""))


RENDERERS = {"figures": figures, "eras": eras, "square": square, "region": region, "examples": examples, "sources": sources}
LAYOUTS = {"timeline": charts_only, "national": charts_only, "companies": side_by_side, "map": region_map, "region": beside_france}


# The live debate's slides (odd17.debate.deck), drawn by odd17.ui.debate_slides.
from odd17.debate import deck as debate_deck  # noqa: E402  (kept apart from the deck's own code above)
from odd17.ui import debate_slides as live  # noqa: E402

RENDERERS.update(
    {
        debate_deck.DEBATE_JOIN: live.slide_join,
        debate_deck.DEBATE_QUESTION: live.slide_question,
        debate_deck.DEBATE_RESULTS: live.slide_results,
    }
)
