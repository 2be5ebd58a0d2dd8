"""Rendering helpers: text from data shown as text, citations, tables, downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from odd17 import exports, indicators
from odd17.formats import escape_markdown
from odd17.ui import cache

TABLE_COLUMNS = {  # internal column → French header, for tables and CSV
    "label": "Intitulé",
    "kind_label": "Type",
    "item": "Item",
    "name": "Région",
    "display": "Valeur",
    "value": "Valeur (nombre)",
    "unit": "Unité",
    "year_display": "Année",
    "base": "Base",
    "citation": "Source",
    "note": "Note",
}


def text(value: object) -> None:
    """Text from the dataset, rendered inert (no HTML, no markdown effects)."""
    st.markdown(escape_markdown(value))


def cite(frame: pd.DataFrame) -> None:
    """The sources of the rows shown, printed from the dataset's metadata."""
    from odd17.ui import data

    if "source" in frame and len(frame):
        ids = [i for cell in frame["source"].dropna() for i in str(cell).split(";") if i]
        line = indicators.citation_line(data.dataset().sources, ids)
        st.caption("Source : " + escape_markdown(line))


def columns_of(frame: pd.DataFrame) -> dict[str, str]:
    return {k: v for k, v in TABLE_COLUMNS.items() if k in frame}


def table(frame: pd.DataFrame, alt_text: str) -> None:
    """The table view of a chart, with French headers."""
    columns = columns_of(frame)
    shown = frame[list(columns)].rename(columns=columns)
    st.dataframe(shown, hide_index=True, alt=alt_text)


def downloads(frame: pd.DataFrame, name: str, chart: alt.TopLevelMixin | None = None, title: str = "") -> None:
    """CSV of the rows shown; PNG and SVG of the chart, generated on click."""
    columns = columns_of(frame)
    source = " ; ".join(c for c in dict.fromkeys(frame.get("citation", pd.Series(dtype=str)).dropna()) if c)
    cols = st.columns(3)
    cols[0].download_button(
        "Données (CSV)", lambda: exports.csv_bytes(frame, columns), f"{name}.csv", "text/csv", key=f"csv-{name}", on_click="ignore"
    )
    if chart is not None:
        cols[1].download_button(
            "Image (PNG)", lambda: exports.chart_png(chart, title, source), f"{name}.png", "image/png", key=f"png-{name}", on_click="ignore"
        )
        cols[2].download_button(
            "Image (SVG)",
            lambda: exports.chart_svg(chart, title, source),
            f"{name}.svg",
            "image/svg+xml",
            key=f"svg-{name}",
            on_click="ignore",
        )


def chart_block(chart: alt.TopLevelMixin, frame: pd.DataFrame, name: str, title: str, alt_text: str) -> None:
    """A chart, its source, its table view and its downloads.

    The expander is lazy (on_change="rerun"): its table and buttons are built only
    while it is open, not on every run of a page with several charts.
    """
    cache.show(chart)  # st.altair_chart, its spec converted once per cached chart; `description` is the accessible name
    cite(frame)
    box = st.expander("Voir le tableau et télécharger", key=f"table-{name}", on_change="rerun")
    if box.open:
        with box:
            table(frame, alt_text)
            downloads(frame, name, chart, title)


@st.cache_resource(show_spinner=False, max_entries=cache.MAX_ENTRIES)
def _family(dataset_key: str, family: str, builder: str, title: str, _ds) -> tuple[pd.DataFrame, str, alt.TopLevelMixin]:
    rows = indicators.labelled(indicators.family(_ds, family))
    alt_text = indicators.bars_alt(rows, title)
    return rows, alt_text, cache.chart(builder, rows, title, alt_text)


@st.cache_resource(show_spinner=False, max_entries=cache.MAX_ENTRIES)
def _family_cautions(dataset_key: str, family: str, _ds) -> pd.DataFrame:
    return indicators.cautions(indicators.family(_ds, family))


def family_cautions(ds, family: str) -> pd.DataFrame:
    """indicators.cautions of a family of figures, once per dataset: shared, never modify it."""
    return _family_cautions(cache.key(ds), family, ds)


def family_block(ds, family: str, builder: str, title: str, name: str) -> None:
    """One family of figures as a chart, with its text alternative, source, table and downloads; built once per dataset."""
    rows, alt_text, chart = _family(cache.key(ds), family, builder, title, ds)
    chart_block(chart, rows, name, title, alt_text)


def legend(items: list[tuple[str, str]]) -> None:
    """The map legend as a wrapping list of colour swatches: never cut, read by screen readers."""
    from html import escape

    rows = "".join(
        f'<li><span class="swatch" style="background:{escape(colour)}" aria-hidden="true"></span>{escape(label)}</li>'
        for colour, label in items
    )
    st.html(f'<p class="map-legend-title"><strong>Légende</strong></p><ul class="map-legend" aria-label="Légende de la carte">{rows}</ul>')


def region_links(values: pd.DataFrame) -> None:
    """Every region as a link to its profile, with its value: the map's keyboard and screen-reader equivalent."""
    with st.container(horizontal=True, gap="small", key="region-links"):
        for row in values.itertuples(index=False):
            st.page_link(
                "pages/ma_region.py",
                label=f"{escape_markdown(row.name)} · {escape_markdown(row.display)}",
                query_params={"region": row.region},
            )
