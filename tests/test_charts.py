"""Chart and deck builders, tested through their specs (to_dict), like Altair's gallery."""

import itertools
import json

import pandas as pd
import pytest

from odd17 import charts, geo, indicators, timeline

NB = "\u00a0"


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def test_bar_chart_spec(ds) -> None:
    frame = indicators.family(ds, "echelle_entreprises")
    spec = charts.bar_chart(frame, "Échelle", "alt text").to_dict()
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert marks == ["bar", "text"]
    assert spec["description"] == "alt text"
    assert {layer["title"] for layer in layers(spec)} == {"Échelle"}
    assert [row["display"] for row in spec["datasets"][spec["data"]["name"]]] == [f"68{NB}%", f"44{NB}%", f"19{NB}%", f"7{NB}%"]
    assert layers(spec)[0]["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_evolution_chart_years_in_order(ds) -> None:
    frame = indicators.family(ds, "pratiques_entreprises")
    spec = charts.evolution_chart(frame, "Taux", "alt").to_dict()
    data = spec["datasets"][spec["data"]["name"]]
    assert [(d["year"], d["value"]) for d in data] == [("2015", 36.0), ("2021", 57.0)]


def test_timeline_chart_uses_a_time_axis_and_colour_blind_palette(ds) -> None:
    marks = indicators.with_sources(timeline.milestones(ds.timeline), ds.sources)
    spec = charts.timeline_chart(marks, "Jalons", "alt").to_dict()
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert set(spec["encoding"]["color"]["scale"]["range"]) <= set(charts.OKABE_ITO)
    assert spec["encoding"]["color"]["legend"]["orient"] == "bottom"  # meaning without a hover
    data = spec["datasets"][spec["data"]["name"]]
    assert len(data) == len(ds.timeline)
    spots = [(d["start"][:4], d["slot"]) for d in data]
    assert len(set(spots)) == len(spots)  # no two marks on one spot


def test_eras_chart_marks_the_open_question(ds) -> None:
    spec = charts.eras_chart(timeline.eras(ds.concepts), "Ères", "alt").to_dict()
    data = spec["datasets"][spec["data"]["name"]]
    assert [d["open"] for d in data] == [False, False, False, True]


@pytest.mark.parametrize(
    ("values", "breaks"),
    [
        ([2014, 2018, 2018, 2021, None], [2014.0, 2018.0, 2021.0]),
        ([0, 10, 20, 30, 40, 50, 60], [12.0, 24.0, 36.0, 48.0, 60.0]),
        ([None], []),
    ],
)
def test_class_breaks(values: list, breaks: list[float]) -> None:
    assert charts.class_breaks(pd.Series(values, dtype="Float64")) == pytest.approx(breaks)


@pytest.mark.parametrize(
    ("value", "breaks", "expected"),
    [
        (pd.NA, [1.0], charts.MISSING_RGB),
        (2014, [2014.0, 2018.0], charts.hex_to_rgb(charts.SEQUENTIAL[3])),
        (60, [12.0, 24.0, 36.0, 48.0, 60.0], charts.hex_to_rgb(charts.SEQUENTIAL[4])),
    ],
)
def test_fill_for(value, breaks: list[float], expected: list[int]) -> None:
    assert charts.fill_for(value, breaks) == expected


def test_missing_is_never_coloured_as_a_value(ds) -> None:
    values = indicators.map_values(ds, "fr_q7_base")
    props = charts.map_properties(values)
    assert props["94"]["fill"] == charts.MISSING_RGB and props["94"]["display"] == "non publié"
    assert all(props[c]["fill"] != charts.MISSING_RGB for c in ("11", "24", "93"))


def test_map_properties_outline_the_selected_region(ds) -> None:
    props = charts.map_properties(indicators.map_values(ds, "silvergeek_arrivee"), selected="75")
    assert props["75"]["line"] == charts.SELECTED_RGB and props["75"]["line_width"] > props["84"]["line_width"]


def test_legend_items_end_with_non_publie(ds) -> None:
    items = charts.legend_items(indicators.map_values(ds, "silvergeek_arrivee"), str)
    assert [label for _, label in items] == ["2014.0", "2018.0", "2019.0", "2020.0", "2021.0", "non publié"]


def test_region_deck_has_no_basemap_and_text_tooltips(ds) -> None:
    features = geo.join_values(geo.load_geojson(geo.regions_path(ds.path)), charts.map_properties(indicators.map_values(ds, "fr_q7_base")))
    deck = json.loads(charts.region_deck(features).to_json())
    # No provider, and pydeck's "no style given" sentinel, which Streamlit's frontend reads as no basemap.
    assert deck.get("mapProvider") is None and deck.get("mapStyle") in (None, "__MAP_STYLE__")
    assert "http" not in json.dumps(deck)
    layer = deck["layers"][0]
    assert (layer["@@type"], layer["id"], layer["pickable"], layer["lineWidthUnits"]) == ("GeoJsonLayer", "regions", True, "pixels")
    assert "html" not in (deck.get("tooltip") or {})
    assert len(layer["data"]["features"]) == 18


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"objects": {"regions": [{"properties": {"code": "75"}}]}}}, "75"),
        ({"selection": {"objects": {"regions": []}}}, None),
        ({"selection": {}}, None),
        (None, None),
    ],
)
def test_picked_region(event, expected) -> None:
    assert charts.picked_region(event) == expected


@pytest.mark.parametrize("font", [14, 30])
def test_bar_chart_type_scales_with_the_font(ds, font: int) -> None:
    spec = charts.bar_chart(indicators.family(ds, "echelle_entreprises"), "", "alt", True, font).to_dict()
    bars, labels = layers(spec)
    assert bars["encoding"]["y"]["axis"]["labelFontSize"] == font
    assert labels["mark"]["fontSize"] == font
    assert spec["height"] == {"step": round(font * 3.1)}


def test_comparison_chart_draws_only_figures_both_published() -> None:
    frame = pd.DataFrame(
        {
            "item": ["A", "B", "C"],
            "value": [43.0, 59.0, None],
            "display": [f"43{NB}%", f"59{NB}%", "non publié"],
            "france_value": [37.0, None, 69.0],
            "france_display": [f"37{NB}%", "non publié", f"69{NB}%"],
        }
    )
    spec = charts.comparison_chart(frame, "Bretagne", "", "alt", 30).to_dict()
    rows = [(d["item"], d["who"], d["display"]) for d in spec["datasets"][spec["data"]["name"]]]
    assert rows == [("A", "Bretagne", f"43{NB}%"), ("A", "France", f"37{NB}%")]
    color = layers(spec)[0]["encoding"]["color"]
    assert color["scale"] == {"domain": ["Bretagne", "France"], "range": [charts.OKABE_ITO[1], charts.BAR_COLOR]}
    assert color["legend"]["labelFontSize"] == 30


def test_milestone_chart_writes_every_label_on_its_own_rows(ds) -> None:
    marks = timeline.milestones(ds.timeline, ("institution", "programme", "droit"))
    kinds = ("Institutions", "Programmes et études", "Droit et cadre public")
    spec = charts.milestone_chart(marks, "", "alt", 34, 70, kinds, 1760).to_dict()
    assert layers(spec)[1]["encoding"]["color"]["scale"]["domain"] == list(kinds)  # same colours on every slide
    assert spec["width"] == 1760 and spec["autosize"]["type"] == "fit-x"
    data = spec["datasets"][layers(spec)[1]["data"]["name"]] if "data" in layers(spec)[1] else spec["datasets"][spec["data"]["name"]]
    assert [d["text"].replace("\n", " ") for d in data] == list(marks["label"])  # written out whole, never cut
    assert all(len(line) <= 70 for d in data for line in d["text"].split("\n"))
    spans = [(d["top"], d["top"] + d["text"].count("\n") + 1) for d in data]
    assert all(end <= next_top for (_, end), (next_top, _) in itertools.pairwise(spans))  # no two rows overlap
    assert [d["when"] for d in data] == list(marks["when"])


def test_highlight_properties_fill_only_the_room_s_region() -> None:
    props = charts.highlight_properties(["52", "53", "94"], "53")
    assert [props[c]["fill"] for c in ["52", "53", "94"]] == [charts.MISSING_RGB, charts.SELECTED_RGB, charts.MISSING_RGB]
    assert props["53"]["line_width"] > props["52"]["line_width"]


def test_static_deck_takes_no_mouse_or_keys() -> None:
    outlines = {"type": "FeatureCollection", "features": []}
    spec = json.loads(charts.region_deck(outlines, view={"latitude": 46, "longitude": 0, "zoom": 5}, static=True).to_json())
    assert spec["views"][0]["controller"] is False
    assert spec["initialViewState"]["zoom"] == 5
    page = json.loads(charts.region_deck(outlines).to_json())
    assert not page.get("views")
