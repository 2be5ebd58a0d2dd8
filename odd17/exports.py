"""Downloads: CSV that opens with its accents in a spreadsheet, chart images, the zip.

CSV is written in UTF-8 with a BOM: Excel (the élus' spreadsheet) reads a
BOM-less UTF-8 file as Windows-1252 and breaks the accents.

Chart images are rendered by vl-convert, which ships its own JavaScript
engine, Vega bundles and fonts (Liberation Sans): no browser, no network.
It is still told to refuse every URL, so a spec can never make it fetch one.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import zipfile
from pathlib import Path, PurePosixPath

import altair as alt
import pandas as pd

CSV_ENCODING = "utf-8-sig"
CSV_SEPARATOR = ";"  # French spreadsheets use ';' since ',' is the decimal mark
DECIMAL = ","
# A spreadsheet runs a cell starting with one of these as a formula; text from
# data gets a leading apostrophe instead, unless it is a plain number such as
# '-3 %' (ex: '+ de 30 000 seniors' would otherwise show #NOM?).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d[\d\u202f]*(,\d+)?(\u00a0[^\s=+\-@|!(]+)?")
TEXT_GUARD = "'"
CITATION_SEPARATOR = " ; "
TITLE_END = "», "  # citations read 'Publisher, « title », date, section'
IMAGE_SCALE = 2
IMAGE_WIDTH = 720  # px; 'container' width has no meaning outside the page
SOURCE_FONT_SIZE = 11
SOURCE_LINE_CHARS = 118  # characters of Liberation Sans 11 px in IMAGE_WIDTH
SOURCE_COLOR = "#333333"  # 12.6:1 on white
TITLE_FONT_SIZE = 16
SUBTITLE_FONT_SIZE = 13
VEGA_OPTIONS = {
    "allowed_base_urls": [],  # no URL at all: every chart carries its data inline
    "format_locale": "fr-FR",
    "time_format_locale": "fr-FR",
    "config": {"view": {"stroke": None}},  # as in the app, no frame around the plot
}
DESCRIPTOR = "datapackage.json"
# Beside the described tables: the outlines and the notes on their origin and licence.
PACKAGE_EXTRAS = ("README.md", "geo/*.geojson", "geo/README.md")


def inert_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula, prefixed so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return TEXT_GUARD + value
    return value


def csv_bytes(frame: pd.DataFrame, columns: dict[str, str]) -> bytes:
    """The rows shown, with French column names, as BOM-prefixed UTF-8 CSV."""
    table = frame[list(columns)].rename(columns=columns)
    table = table.apply(lambda column: column.map(inert_cell) if not pd.api.types.is_numeric_dtype(column) else column)
    text = table.to_csv(index=False, sep=CSV_SEPARATOR, decimal=DECIMAL)
    return text.encode(CSV_ENCODING)


def group_citations(citations: list[str]) -> list[str]:
    """Citations of one document merged: 'Publisher, « title », date : section ; section'."""
    groups: dict[str, list[str]] = {}
    for citation in dict.fromkeys(c.strip() for c in citations if c and c.strip()):
        head, found, tail = citation.partition(TITLE_END)
        date, comma, section = tail.partition(", ")
        if not (found and comma and section):
            groups.setdefault(citation, [])
            continue
        groups.setdefault(f"{head}{TITLE_END}{date}", []).append(section)
    return [f"{head} : {CITATION_SEPARATOR.join(sections)}" if sections else head for head, sections in groups.items()]


def split_citations(source: str | list[str]) -> list[str]:
    """The citations of a ' ; '-joined source (a list is taken as it is).

    Every citation quotes its title in « »: a piece without one is the rest of
    a section that itself contains ' ; ', and is joined back to it.
    """
    if not isinstance(source, str):
        return [str(c) for c in source]
    citations: list[str] = []
    for piece in source.split(CITATION_SEPARATOR):
        if citations and "«" not in piece:
            citations[-1] += CITATION_SEPARATOR + piece
        else:
            citations.append(piece)
    return citations


def source_lines(source: str | list[str], width: int = SOURCE_LINE_CHARS) -> list[str]:
    """'Source : …' wrapped to the image's width, each document starting a line."""
    documents = group_citations(split_citations(source)) or ["non précisée"]
    lead = "Source : " if len(documents) == 1 else "Sources : "
    lines: list[str] = []
    for index, document in enumerate(documents):
        text = (lead if index == 0 else "") + document.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        lines += textwrap.wrap(text, width=width, break_on_hyphens=False)  # never breaks at a no-break space
    return lines


def sized(chart: alt.TopLevelMixin, width: int) -> alt.TopLevelMixin:
    """The chart with a fixed width when the page lets it fill its container."""
    return chart.properties(width=width) if getattr(chart, "width", alt.Undefined) == "container" else chart


def source_footer(source: str | list[str], width: int) -> alt.Chart:
    """The source as lines of text, drawn under the chart."""
    lines = source_lines(source)
    data = pd.DataFrame({"line": lines, "order": range(len(lines))})
    return (
        alt.Chart(data)
        .mark_text(align="left", baseline="middle", fontSize=SOURCE_FONT_SIZE, color=SOURCE_COLOR)
        .encode(y=alt.Y("order:O", axis=None), x=alt.value(0), text="line:N")
        .properties(width=width, height=alt.Step(SOURCE_FONT_SIZE + 4))
    )


def with_caption(chart: alt.TopLevelMixin, title: str, source: str | list[str], width: int = IMAGE_WIDTH) -> alt.VConcatChart:
    """The chart with its title on top and its source underneath, for images."""
    caption = alt.TitleParams(text=title, anchor="start", fontSize=TITLE_FONT_SIZE, offset=10)
    return alt.vconcat(sized(chart, width), source_footer(source, width), spacing=14).properties(title=caption)


def chart_spec(chart: alt.TopLevelMixin, title: str, source: str | list[str]) -> dict:
    """The Vega-Lite spec of the captioned chart; the chart's own title becomes the subtitle."""
    spec = with_caption(chart, title, source).to_dict()
    plot = spec["vconcat"][0]
    titles = [plot.pop("title", None), *(layer.pop("title", None) for layer in plot.get("layer", []))]
    inner = next((t for t in titles if t), None)
    text = inner.get("text") if isinstance(inner, dict) else inner
    if text and text != title:
        spec["title"] |= {"subtitle": text, "subtitleFontSize": SUBTITLE_FONT_SIZE, "subtitleColor": SOURCE_COLOR}
    return spec


def chart_png(chart: alt.TopLevelMixin, title: str, source: str | list[str]) -> bytes:
    """The chart as PNG, rendered offline by vl-convert."""
    import vl_convert as vlc  # heavy: loaded on the first image only

    return vlc.vegalite_to_png(chart_spec(chart, title, source), scale=IMAGE_SCALE, **VEGA_OPTIONS)


def chart_svg(chart: alt.TopLevelMixin, title: str, source: str | list[str]) -> bytes:
    """The chart as SVG, rendered offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart_spec(chart, title, source), **VEGA_OPTIONS).encode("utf-8")


def inside(folder: Path, relative: object) -> Path | None:
    """A file named by the descriptor, if it is a plain relative path inside the folder."""
    if not isinstance(relative, str) or "://" in relative:
        return None
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        return None
    path = folder.joinpath(*parts)
    return path if path.is_file() else None


def package_files(folder: Path) -> list[str]:
    """The package's files, relative to the folder: descriptor, tables, outlines, notes."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = descriptor.get("resources", []) if isinstance(descriptor, dict) else []
    declared = [inside(folder, r.get("path")) for r in resources if isinstance(r, dict)]
    extras = [p for pattern in PACKAGE_EXTRAS for p in sorted(folder.glob(pattern)) if p.is_file()]
    found = [folder / DESCRIPTOR, *(p for p in declared if p is not None), *extras]
    return list(dict.fromkeys(p.relative_to(folder).as_posix() for p in found))


def dataset_zip(folder: Path) -> bytes:
    """The whole dataset (datapackage.json, its tables, the outlines) in one zip.

    Only what the descriptor names, plus the outlines and their notes: a data
    folder may hold other files (drafts, a .git) that are not the dataset.
    """
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in package_files(folder):
            archive.write(folder / name, name)
    return buffer.getvalue()
