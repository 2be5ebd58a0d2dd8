"""Downloads: CSV that opens with its accents in a spreadsheet, chart images, the zip.

CSV is written in UTF-8 with a BOM: Excel (the élus' spreadsheet) reads a
BOM-less UTF-8 file as Windows-1252 and breaks the accents.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import altair as alt
import pandas as pd

CSV_ENCODING = "utf-8-sig"
CSV_SEPARATOR = ";"  # French spreadsheets use ';' since ',' is the decimal mark
DECIMAL = ","
IMAGE_SCALE = 2


def csv_bytes(frame: pd.DataFrame, columns: dict[str, str]) -> bytes:
    """The rows shown, with French column names, as BOM-prefixed UTF-8 CSV."""
    table = frame[list(columns)].rename(columns=columns)
    text = table.to_csv(index=False, sep=CSV_SEPARATOR, decimal=DECIMAL)
    return text.encode(CSV_ENCODING)


def with_caption(chart: alt.TopLevelMixin, title: str, source: str) -> alt.TopLevelMixin:
    """The chart with its title on top and its source underneath, for images."""
    return chart.properties(title=alt.TitleParams(text=title, subtitle=[f"Source : {source}"], anchor="start", fontSize=16))


def chart_spec(chart: alt.TopLevelMixin, width: int = 720) -> dict:
    """A Vega-Lite spec with a fixed width (images cannot be 'container' wide)."""
    spec = chart.to_dict()
    spec["width"] = width if spec.get("width") == "container" else spec.get("width", width)
    return spec


def chart_png(chart: alt.TopLevelMixin, title: str, source: str) -> bytes:
    """The chart as PNG, rendered offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(chart_spec(with_caption(chart, title, source)), scale=IMAGE_SCALE)


def chart_svg(chart: alt.TopLevelMixin, title: str, source: str) -> bytes:
    """The chart as SVG, rendered offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart_spec(with_caption(chart, title, source))).encode("utf-8")


def dataset_zip(folder: Path) -> bytes:
    """Every file of the dataset folder (datapackage.json and its CSVs) in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*")):
            if path.is_file() and path.suffix in {".csv", ".json", ".md"}:
                archive.write(path, path.name)
    return buffer.getvalue()
