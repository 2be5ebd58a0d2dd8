"""Downloads opened as their users open them: CSV read back, images parsed, the zip checked."""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import altair as alt
import pandas as pd
import pytest
from PIL import Image

from odd17 import charts, exports, indicators, timeline
from odd17.dataset import BUNDLED_DIR, Dataset, load
from odd17.ui.render import columns_of

ROOT = Path(__file__).resolve().parent.parent
CARNET = "Observatoire des partenariats, « ODD 17 : Alliance & Innovation (3e volet) », 2022-05-20"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load(BUNDLED_DIR)


def read_text(data: bytes) -> pd.DataFrame:
    """The CSV as a spreadsheet user gets it, every cell as text."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=";", dtype=str, keep_default_na=False)


def read_numbers(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=";", decimal=",")


def assert_read_back(frame: pd.DataFrame, data: bytes) -> None:
    """Every column comes back with the dataset's values: text as text, numbers as numbers."""
    columns = columns_of(frame)
    text, numbers = read_text(data), read_numbers(data)
    assert list(text.columns) == list(columns.values())
    assert len(text) == len(frame)
    for column, header in columns.items():
        if pd.api.types.is_numeric_dtype(frame[column]):
            expected = frame[column].astype("Float64").reset_index(drop=True)
            pd.testing.assert_series_equal(numbers[header].astype("Float64"), expected, check_names=False)
        else:
            assert text[header].tolist() == frame[column].fillna("").astype(str).tolist(), header


def map_indicator_ids() -> list[str]:
    return list(indicators.map_indicators(load(BUNDLED_DIR)))


@pytest.mark.parametrize("indicator", map_indicator_ids())
def test_map_csv_reads_back_as_the_dataset(ds, indicator):
    values = indicators.map_values(ds, indicator)
    data = exports.csv_bytes(values, columns_of(values))
    assert_read_back(values, data)
    assert {"Source", "Année", "Valeur (nombre)"} <= set(read_text(data).columns)


@pytest.mark.parametrize("family", ["echelle_entreprises", "pratiques_entreprises", "phare_modalites"])
def test_chart_family_csv_reads_back_as_the_dataset(ds, family):
    frame = indicators.family(ds, family)
    data = exports.csv_bytes(frame, columns_of(frame))
    assert_read_back(frame, data)
    back = read_text(data)
    assert back["Source"].str.len().gt(0).all()
    assert {"Source", "Année"} <= set(back.columns)


def test_csv_starts_with_a_bom_and_keeps_its_accents(ds):
    values = indicators.map_values(ds, indicators.DERIVED_CASES)
    data = exports.csv_bytes(values, columns_of(values))
    assert data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert body.splitlines()[0].startswith("Région;")
    assert "Île-de-France" in body and "Provence-Alpes-Côte d'Azur" in body


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+ de 30 000 seniors participants", "'+ de 30 000 seniors participants"),
        ("@SOMME(A1:A3)", "'@SOMME(A1:A3)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("-3\u00a0%", "-3\u00a0%"),
        ("-1,5\u00a0millions", "-1,5\u00a0millions"),
        ("74\u00a0%", "74\u00a0%"),
        ("Île-de-France", "Île-de-France"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_stays_text(cell, written):
    frame = pd.DataFrame({"label": [cell], "value": [1.5]})
    back = read_text(exports.csv_bytes(frame, {"label": "Intitulé", "value": "Valeur"}))
    assert back["Intitulé"].tolist() == [written]
    assert back["Valeur"].tolist() == ["1,5"]


@pytest.mark.parametrize(
    ("citations", "grouped"),
    [
        ([f"{CARNET}, p. 4-5", f"{CARNET}, p. 17"], [f"{CARNET} : p. 4-5 ; p. 17"]),
        ([f"{CARNET}, p. 4-5", f"{CARNET}, p. 4-5"], [f"{CARNET} : p. 4-5"]),
        (["Youmatter, « RSE », 2016-05-27", f"{CARNET}, p. 3"], ["Youmatter, « RSE », 2016-05-27", f"{CARNET} : p. 3"]),
        (["associations.gouv.fr, « Carnet »", ""], ["associations.gouv.fr, « Carnet »"]),
        ([], []),
    ],
)
def test_citations_of_one_document_are_grouped(citations, grouped):
    assert exports.group_citations(citations) == grouped


@pytest.mark.parametrize(
    ("source", "citations"),
    [
        (f"{CARNET}, p. 4-5 ; {CARNET}, p. 17", [f"{CARNET}, p. 4-5", f"{CARNET}, p. 17"]),
        (f"{CARNET}, écosystème ; piloter, p. 9-13", [f"{CARNET}, écosystème ; piloter, p. 9-13"]),
        ("A, « T » ; B, « U », 2020", ["A, « T »", "B, « U », 2020"]),
        (["A ; B", "C"], ["A ; B", "C"]),
    ],
)
def test_a_joined_source_splits_into_its_citations(source, citations):
    assert exports.split_citations(source) == citations


def captioned_charts(ds) -> list[tuple[str, alt.TopLevelMixin, pd.DataFrame, str]]:
    scale = indicators.family(ds, "echelle_entreprises")
    rate = indicators.family(ds, "pratiques_entreprises")
    marks = indicators.with_sources(timeline.milestones(ds.timeline, ()), ds.sources)
    return [
        ("barres", charts.bar_chart(scale, "Échelle des alliances des entreprises", "alt"), scale, "Échelle des alliances"),
        ("années", charts.evolution_chart(rate, "Entreprises partenaires", "alt"), rate, "Taux de pratiques partenariales"),
        ("jalons", charts.timeline_chart(marks, "Jalons datés (1986-2022)", "alt"), marks, "Jalons datés"),
    ]


def source_of(frame: pd.DataFrame) -> str:
    """The source string the page passes (odd17.ui.render.downloads)."""
    return " ; ".join(c for c in dict.fromkeys(frame["citation"].dropna()) if c)


@pytest.mark.parametrize("index", range(3))
def test_svg_parses_and_carries_title_and_source(ds, index):
    _, chart, frame, title = captioned_charts(ds)[index]
    svg = exports.chart_svg(chart, title, source_of(frame))
    root = ElementTree.fromstring(svg)
    text = " ".join(root.itertext())
    assert title in text
    assert "Source" in text
    assert "Observatoire des partenariats" in text


@pytest.mark.parametrize("index", range(3))
def test_png_parses_at_a_readable_size(ds, index):
    _, chart, frame, title = captioned_charts(ds)[index]
    png = exports.chart_png(chart, title, source_of(frame))
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG"
    width, height = image.size
    assert exports.IMAGE_WIDTH * exports.IMAGE_SCALE <= width <= 2 * exports.IMAGE_WIDTH * exports.IMAGE_SCALE
    assert 200 <= height <= 4000


def test_source_lines_fit_the_image_width():
    long_source = " ; ".join(f"{CARNET}, section {i}, p. {i}" for i in range(40))
    lines = exports.source_lines(long_source)
    assert lines[0].startswith("Source : ")
    assert all(len(line) <= exports.SOURCE_LINE_CHARS for line in lines)
    assert "section 39" in " ".join(lines)


def test_an_image_never_fetches_a_url():
    chart = alt.Chart(alt.Data(url="http://127.0.0.1:9/donnees.csv")).mark_bar().encode(x="value:Q")
    with pytest.raises(Exception, match="not allowed"):
        exports.chart_svg(chart, "Titre", "Source")


def unzip(data: bytes, target: Path) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        archive.extractall(target)
        return archive.namelist()


def test_dataset_zip_validates_with_the_check_command(tmp_path):
    names = unzip(exports.dataset_zip(BUNDLED_DIR), tmp_path)
    assert "datapackage.json" in names
    assert {"figures.csv", "sources.csv", "regions.csv", "geo/regions.geojson", "geo/README.md"} <= set(names)
    result = subprocess.run([sys.executable, "-m", "odd17", "check", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dataset_zip_holds_only_the_package(tmp_path):
    folder = tmp_path / "donnees"
    shutil.copytree(BUNDLED_DIR, folder)
    (folder / "brouillon.txt").write_text("notes", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]", encoding="utf-8")
    names = unzip(exports.dataset_zip(folder), tmp_path / "extrait")
    assert "brouillon.txt" not in names
    assert not any(name.startswith(".git") for name in names)


@pytest.mark.parametrize(
    ("relative", "kept"),
    [
        ("figures.csv", True),
        ("absent.csv", False),
        ("../figures.csv", False),
        ("/etc/passwd", False),
        ("https://example.org/figures.csv", False),
        (["figures.csv"], False),
        (None, False),
    ],
)
def test_only_plain_paths_inside_the_folder_are_zipped(relative, kept):
    assert (exports.inside(BUNDLED_DIR, relative) is not None) is kept
