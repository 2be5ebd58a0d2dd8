"""Altair charts and the pydeck map: small pure functions, data in, chart out.

Palettes are colour-blind safe (Okabe-Ito for categories, a viridis-like
sequential ramp for the map) and every mark is dark enough to keep a 3:1
contrast on white; each chart carries its text alternative as `description`.
"""

from __future__ import annotations

import json
import math
import textwrap

import altair as alt
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

BAR_COLOR = "#1f4e79"  # 8.9:1 on white
TEXT_COLOR = "#1a1a1a"
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
# Viridis stops without its palest end, so every class keeps 3:1 on white.
SEQUENTIAL = ["#440154", "#3b528b", "#21918c", "#2a9d5c", "#7a8b00"]
MISSING_RGB = [238, 238, 238]
BORDER_RGB = [40, 40, 40]
SELECTED_RGB = [213, 94, 0]
FRAME_RGB = [120, 120, 120]
FONT_SIZE = 14
MAP_LAYER_ID = "regions"
# The map is drawn in a box of MAP_WIDTH × MAP_HEIGHT CSS pixels and its view fitted to that box, so all of
# metropolitan France, Corse and the overseas insets (with their captions on the left) are inside it.
# A narrower container scales the whole box down (odd17.ui.chrome.map_fit_css); deck.gl's pointer
# handling divides by that scale, so a tap still lands on the region under the finger.
MAP_WIDTH = 640
MAP_HEIGHT = 470
MAP_BOUNDS = (-8.41, 41.37, 9.56, 51.09)  # min lon, min lat, max lon, max lat of data/geo (regions and inset frames)
MAP_CAPTION_ROOM = 80  # pixels left of the insets for « La Réunion », « Guadeloupe »…
MAP_PADDING = 10
TILE_SIZE = 512  # deck.gl's world size at zoom 0, in pixels


def sized(chart: alt.TopLevelMixin, width: int | str) -> alt.TopLevelMixin:
    """A fixed `width` in px, labels and legend included (the projected slides); else the container's."""
    if isinstance(width, int):
        # fit-x: the width includes labels and legend; the height stays what the chart asks (rows keep their size).
        return chart.properties(width=width, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return chart


def hex_to_rgb(color: str) -> list[int]:
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator world pixels at zoom 0, as deck.gl's MapView projects."""
    phi = math.radians(lat)
    return (lon + 180) / 360 * TILE_SIZE, (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * TILE_SIZE


def unmercator(x: float, y: float) -> tuple[float, float]:
    """The inverse of `mercator`."""
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / TILE_SIZE))))
    return x / TILE_SIZE * 360 - 180, lat


def fit_view(bounds: tuple[float, float, float, float], width: int, height: int, left: int = 0, padding: int = 0) -> dict:
    """The view (latitude, longitude, zoom) showing `bounds` whole in a width × height box, `left` pixels kept free."""
    x0, y1 = mercator(bounds[0], bounds[1])
    x1, y0 = mercator(bounds[2], bounds[3])
    scale = min((width - left - 2 * padding) / (x1 - x0), (height - 2 * padding) / (y1 - y0))
    centre_x = (x0 + x1) / 2 - left / 2 / scale
    lon, lat = unmercator(centre_x, (y0 + y1) / 2)
    return {"latitude": round(lat, 4), "longitude": round(lon, 4), "zoom": round(math.log2(scale), 4)}


MAP_VIEW = fit_view(MAP_BOUNDS, MAP_WIDTH, MAP_HEIGHT, MAP_CAPTION_ROOM, MAP_PADDING)


def bar_chart(
    frame: pd.DataFrame, title: str, description: str, percent: bool = True, font: int = FONT_SIZE, width: int | str = "container"
) -> alt.Chart:
    """Horizontal bars of `value` by `item`, labelled with `display` (missing bars absent).

    `font` scales the type and the bars together (the projected deck uses about twice the page's).
    """
    data = frame[["item", "value", "display"]].assign(value=frame["value"].astype("float"))
    scale = alt.Scale(domain=[0, 100]) if percent else alt.Scale(zero=True)
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("item:N", sort=None, title=None, axis=alt.Axis(labelLimit=font * 33, labelFontSize=font, labelColor=TEXT_COLOR)),
        x=alt.X("value:Q", scale=scale, title=None, axis=alt.Axis(labels=False, ticks=False, grid=False)),
        tooltip=[alt.Tooltip("item:N", title="Item"), alt.Tooltip("display:N", title="Valeur")],
    )
    bars = base.mark_bar(color=BAR_COLOR, height={"band": 0.7})
    labels = base.mark_text(align="left", dx=font // 2, fontSize=font, fontWeight="bold", color=TEXT_COLOR).encode(text="display:N")
    return sized((bars + labels).properties(description=description, width="container", height=alt.Step(round(font * 3.1))), width)


def evolution_chart(
    frame: pd.DataFrame, title: str, description: str, font: int = FONT_SIZE, height: int = 260, width: int | str = "container"
) -> alt.Chart:
    """Vertical bars of `value` by `year` (e.g. 36 % in 2015, 57 % in 2021)."""
    data = frame[["year", "value", "display"]].assign(year=frame["year"].astype(str), value=frame["value"].astype(float))
    base = alt.Chart(data, title=title).encode(
        x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=font + 2, labelColor=TEXT_COLOR, labelPadding=font // 2)),
        y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=None),
        tooltip=[alt.Tooltip("year:N", title="Année"), alt.Tooltip("display:N", title="Valeur")],
    )
    bars = base.mark_bar(color=BAR_COLOR, width={"band": 0.5})
    labels = base.mark_text(dy=-round(font * 0.7), fontSize=font + 4, fontWeight="bold", color=TEXT_COLOR).encode(text="display:N")
    return sized((bars + labels).properties(description=description, width="container", height=height), width)


def comparison_chart(
    frame: pd.DataFrame, region: str, title: str, description: str, font: int = FONT_SIZE, width: int | str = "container"
) -> alt.Chart:
    """A region beside France: per `item`, the region's bar (orange) over France's (blue), each labelled.

    `frame` has item, value, display, france_value, france_display; rows lacking either value are left out.
    """
    both = frame[frame["value"].notna() & frame["france_value"].notna()]
    mine = both[["item", "value", "display"]].assign(who=region)
    france = both[["item", "france_value", "france_display"]].set_axis(["item", "value", "display"], axis=1).assign(who="France")
    data = pd.concat([mine, france], ignore_index=True).assign(value=lambda d: d["value"].astype(float))
    base = alt.Chart(data, title=title).encode(
        y=alt.Y(
            "item:N",
            sort=None,
            title=None,
            axis=alt.Axis(labelLimit=font * 24, labelFontSize=font, labelColor=TEXT_COLOR, labelPadding=font // 2),
        ),
        yOffset=alt.YOffset("who:N", sort=[region, "France"]),
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=None),
        color=alt.Color(
            "who:N",
            scale=alt.Scale(domain=[region, "France"], range=[OKABE_ITO[1], BAR_COLOR]),
            sort=[region, "France"],
            legend=top_legend(font),
        ),
        tooltip=[alt.Tooltip("who:N", title="Où"), alt.Tooltip("item:N", title="Item"), alt.Tooltip("display:N", title="Valeur")],
    )
    bars = base.mark_bar(height={"band": 0.9})
    labels = base.mark_text(align="left", dx=font // 2, fontSize=font, fontWeight="bold", color=TEXT_COLOR).encode(text="display:N")
    step = round(font * 1.6)  # one bar (of two per item: with yOffset the step is the bar's)
    return sized((bars + labels).properties(description=description, width="container", height=alt.Step(step)), width)


def top_legend(font: int) -> alt.Legend:
    """A legend above the chart, in the chart's type size, its labels never cut short."""
    return alt.Legend(
        title=None,
        orient="top",
        labelFontSize=font,
        symbolSize=font * font,
        labelLimit=font * 20,
        labelColor=TEXT_COLOR,
        columnPadding=font,
    )


def wrapped(text: str, width: int) -> list[str]:
    """A label cut into lines of at most `width` characters, at spaces."""
    return textwrap.wrap(text, width, break_long_words=False) or [""]


def milestone_chart(
    frame: pd.DataFrame,
    title: str,
    description: str,
    font: int = FONT_SIZE,
    wrap_at: int = 90,
    kinds: tuple[str, ...] = (),
    width: int | str = "container",
) -> alt.Chart:
    """Milestones down a vertical line, one per row, each with its date and its full label.

    Read without a mouse: no two marks share a spot, every label is written out
    (wrapped, never cut), the dot's colour says the kind (legend on top).
    """
    lines = [wrapped(label, wrap_at) for label in frame["label"]]
    tops = [sum(len(x) for x in lines[:i]) + i * 0.35 for i in range(len(lines))]  # a third of a line between rows
    total = tops[-1] + len(lines[-1]) if lines else 1
    line_px = round(font * 1.3)
    data = frame[["when", "kind_label"]].assign(text=["\n".join(x) for x in lines], top=tops, mid=[t + 0.5 for t in tops])
    date_px = round(max((len(w) for w in frame["when"]), default=4) * font * 0.55) + font
    y_scale = alt.Scale(domain=[0, total], reverse=True, nice=False, zero=False)
    base = alt.Chart(data, title=title)
    spine = alt.Chart(pd.DataFrame({"y": [0.0], "y2": [total]})).mark_rule(color="#555555", strokeWidth=3)
    spine = spine.encode(x=alt.value(date_px), y=alt.Y("y:Q", scale=y_scale, axis=None), y2="y2:Q")
    dots = base.mark_circle(size=font * font * 0.9, opacity=1, stroke="#ffffff", strokeWidth=2).encode(
        x=alt.value(date_px),
        y=alt.Y("mid:Q", scale=y_scale, axis=None),
        color=alt.Color(
            "kind_label:N",
            scale=alt.Scale(domain=list(kinds), range=OKABE_ITO[: len(kinds)]) if kinds else alt.Scale(range=OKABE_ITO),
            legend=top_legend(font),
        ),
    )
    dates = base.mark_text(align="right", baseline="middle", dx=-font * 0.6, fontSize=font, fontWeight="bold", color=TEXT_COLOR)
    dates = dates.encode(x=alt.value(date_px), y=alt.Y("mid:Q", scale=y_scale), text="when:N")
    labels = base.mark_text(
        align="left", baseline="line-top", dx=font * 0.8, fontSize=font, lineHeight=line_px, lineBreak="\n", color=TEXT_COLOR
    )
    labels = labels.encode(x=alt.value(date_px), y=alt.Y("top:Q", scale=y_scale), text="text:N")
    chart = alt.layer(spine, dots, dates, labels).properties(description=description, width="container", height=round(total * line_px))
    return sized(chart, width).configure_view(stroke=None)


def timeline_chart(frame: pd.DataFrame, title: str, description: str) -> alt.Chart:
    """Milestones on a real time axis, one square each, stacked within their year (`slot`), coloured by kind.

    The legend is always shown (no meaning on hover only); the labelled list and the table sit under the chart.
    """
    data = frame[["start", "when", "label", "kind_label", "citation", "slot"]]
    kinds = [k for k in dict.fromkeys(frame["kind_label"]) if isinstance(k, str)]
    return (
        alt.Chart(data, title=title)
        .mark_square(size=64, opacity=1, stroke="#ffffff", strokeWidth=1)
        .encode(
            x=alt.X("year(start):T", title=None, axis=alt.Axis(format="%Y", labelFontSize=FONT_SIZE, tickCount=8, labelColor=TEXT_COLOR)),
            y=alt.Y("slot:Q", title=None, axis=None, scale=alt.Scale(domain=[-0.5, max(int(frame["slot"].max()), 3) + 0.5])),
            color=alt.Color(
                "kind_label:N",
                scale=alt.Scale(domain=kinds, range=OKABE_ITO[: len(kinds)]),
                legend=alt.Legend(title=None, orient="bottom", columns=2, labelFontSize=FONT_SIZE, labelLimit=0, symbolType="square"),
            ),
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("label:N", title="Jalon"),
                alt.Tooltip("citation:N", title="Source"),
            ],
        )
        # Streamlit fits the whole chart, legend included, into `height`: room for the legend's rows on a phone.
        .properties(description=description, width="container", height=14 * (max(int(frame["slot"].max()), 3) + 1) + 150)
    )


def eras_chart(eras: pd.DataFrame, title: str, description: str) -> alt.Chart:
    """The eras as a column of numbered boxes, read top to bottom; the open question (last) drawn dashed.

    One box per row, labels left-aligned inside: nothing to cut or overlap at any width.
    """
    data = eras[["order", "label"]].assign(open=eras["order"] == eras["order"].max())
    data = data.assign(text=data["order"].astype(str) + ". " + data["label"])
    base = alt.Chart(data, title=title).encode(y=alt.Y("order:O", title=None, axis=None, scale=alt.Scale(paddingInner=0.15)))
    boxes = base.mark_bar(cornerRadius=6, strokeWidth=2).encode(
        x=alt.value(0),
        x2=alt.value({"expr": "width"}),
        color=alt.condition("datum.open", alt.value("#ffffff"), alt.value(BAR_COLOR)),
        stroke=alt.value(BAR_COLOR),
        strokeDash=alt.condition("datum.open", alt.value([6, 4]), alt.value([1, 0])),
    )
    labels = base.mark_text(align="left", dx=12, fontSize=FONT_SIZE + 1, fontWeight="bold").encode(
        x=alt.value(0), text="text:N", color=alt.condition("datum.open", alt.value(BAR_COLOR), alt.value("#ffffff"))
    )
    chart = (boxes + labels).properties(description=description, width="container", height=alt.Step(40))
    return chart.configure_view(stroke=None)


def class_breaks(values: pd.Series, classes: int = len(SEQUENTIAL)) -> list[float]:
    """Upper bounds of equal-width classes; distinct values themselves when few."""
    present = sorted(values.dropna().astype(float).unique())
    if len(present) <= classes:
        return present
    low, high = present[0], present[-1]
    step = (high - low) / classes
    return [low + step * (i + 1) for i in range(classes)]


def fill_for(value: object, breaks: list[float]) -> list[int]:
    """The RGB fill of one value; the missing-value grey for NA."""
    if pd.isna(value):
        return MISSING_RGB
    index = next((i for i, b in enumerate(breaks) if float(value) <= b + 1e-9), len(breaks) - 1)
    offset = len(SEQUENTIAL) - len(breaks)  # few classes use the darker end
    return hex_to_rgb(SEQUENTIAL[max(0, offset) + index])


def legend(breaks: list[float], labels: list[str]) -> list[tuple[str, str]]:
    """(hex colour, label) pairs for the map legend, missing values last."""
    offset = len(SEQUENTIAL) - len(breaks)
    items = [(SEQUENTIAL[max(0, offset) + i], label) for i, label in enumerate(labels)]
    return [*items, ("#eeeeee", "non publié")]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON carries no indentation.

    pydeck indents its JSON by two spaces, one coordinate per line: for the
    region outlines that whitespace is four fifths of what st.pydeck_chart sends
    to the browser. Same keys, same values, same order; only the blanks go.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def region_deck(
    geojson: dict,
    labels: list[dict] | None = None,
    frames: dict | None = None,
    view: dict | None = None,
    text_size: int = 13,
    static: bool = False,
) -> pdk.Deck:
    """The choropleth: outlines only, no basemap; `fill` comes from the features.

    `labels` name the overseas insets and `frames` draws their boxes, as INSEE maps do.
    `static` (the projected deck) takes no mouse or keys, so ← → go to the presenter's remote.
    """
    layer = pdk.Layer(
        "GeoJsonLayer",
        geojson,
        id=MAP_LAYER_ID,
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width="properties.line_width",
        line_width_units=pdk.types.String("pixels"),  # a bare string would be read as an accessor
        auto_highlight=True,
        highlight_color=[255, 255, 255, 90],
    )
    layers = [layer]
    if frames:
        layers.insert(
            0,
            pdk.Layer(
                "GeoJsonLayer",
                frames,
                id="inset-frames",
                stroked=True,
                filled=False,
                get_line_color=FRAME_RGB,
                get_line_width=1,
                line_width_units=pdk.types.String("pixels"),
            ),
        )
    if labels:
        layers.append(
            pdk.Layer(
                "TextLayer",
                labels,
                id="inset-labels",
                get_position="position",
                get_text="name",
                get_size=text_size,
                get_color=BORDER_RGB,
                get_text_anchor=pdk.types.String("end"),
                get_alignment_baseline=pdk.types.String("center"),
                # deck.gl draws ASCII only unless told which characters to rasterise (é of « La Réunion »).
                character_set=pdk.types.String("auto"),
                font_family=pdk.types.String("Source Sans Pro, Helvetica, Arial, sans-serif"),
            )
        )
    tooltip = {"text": "{name}\n{display}\n{detail}"}  # text, not html: names come from data
    state = pdk.ViewState(**(view or MAP_VIEW))
    views = [pdk.View(type="MapView", controller=False)] if static else None
    return CompactDeck(layers=layers, initial_view_state=state, views=views, map_provider=None, tooltip=False if static else tooltip)


def highlight_properties(codes: list[str], selected: str, detail: dict[str, str] | None = None) -> dict[str, dict]:
    """Per region code: the room's region filled orange with a thick outline, the others pale."""
    return {
        code: {
            "fill": SELECTED_RGB if code == selected else MISSING_RGB,
            "line": BORDER_RGB,
            "line_width": 3 if code == selected else 1,
            "display": (detail or {}).get(code, ""),
            "detail": "",
        }
        for code in codes
    }


def detail_line(row: pd.Series) -> str:
    """Year, base and source of one region's value, for the tooltip."""
    year = str(row["year_display"])
    parts = [f"Année : {year}" if year[:1].isdigit() else year[:1].upper() + year[1:]]  # never « Année : année non précisée »
    if row.get("base"):
        parts.append(f"Base : {row['base']}")
    if row.get("citation"):
        parts.append(f"Source : {row['citation']}")
    return "\n".join(parts)


def map_properties(values: pd.DataFrame, selected: str | None = None) -> dict[str, dict]:
    """Per region code: fill, outline and tooltip text for the deck's features."""
    breaks = class_breaks(values["value"])
    return {
        row["region"]: {
            "fill": fill_for(row["value"], breaks),
            "line": SELECTED_RGB if row["region"] == selected else BORDER_RGB,
            "line_width": 4 if row["region"] == selected else 1,
            "display": row["display"],
            "detail": detail_line(row),
        }
        for _, row in values.iterrows()
    }


def legend_items(values: pd.DataFrame, formatter) -> list[tuple[str, str]]:
    """The legend of the map for these values: colour → range label."""
    breaks = class_breaks(values["value"])
    present = sorted(values["value"].dropna().astype(float).unique())
    if len(present) <= len(SEQUENTIAL):
        return legend(breaks, [formatter(b) for b in breaks])
    lows = [present[0], *breaks[:-1]]
    return legend(breaks, [f"{formatter(lo)} – {formatter(hi)}" for lo, hi in zip(lows, breaks, strict=True)])


def legend_chart(items: list[tuple[str, str]], title: str) -> alt.Chart:
    """A small legend drawn as coloured squares with their labels."""
    data = pd.DataFrame({"color": [c for c, _ in items], "label": [lab for _, lab in items], "order": range(len(items))})
    base = alt.Chart(data, title=title).encode(y=alt.Y("order:O", axis=None))
    squares = base.mark_square(size=260, opacity=1, stroke="#282828", strokeWidth=1).encode(
        color=alt.Color("color:N", scale=None, legend=None)
    )
    labels = base.mark_text(align="left", dx=14, fontSize=FONT_SIZE).encode(text="label:N")
    return (squares + labels).properties(description=f"Légende : {title}", width=220, height=alt.Step(26))


def picked_region(event: object) -> str | None:
    """The region code clicked on the map, if any (Streamlit's selection state)."""
    selection = getattr(event, "selection", None) or (event.get("selection") if isinstance(event, dict) else None)
    objects = (selection or {}).get("objects", {}).get(MAP_LAYER_ID, [])
    if not objects:
        return None
    feature = objects[0]
    properties = feature.get("properties", feature) if isinstance(feature, dict) else {}
    code = properties.get("code")
    return str(code) if code else None
