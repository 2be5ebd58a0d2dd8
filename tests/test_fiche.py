"""The fiche région opened with a PDF library: one A4 page with the region's figures as odd17 has them."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from odd17 import case_studies, fiche, geo, indicators
from odd17.dataset import BUNDLED_DIR, Dataset, load
from odd17.formats import MISSING
from odd17.regions import names

GENERATED = date(2026, 11, 28)
A4_POINTS = (595.28, 841.89)
# With data (52: nine figures, 75: five examples), with none (94), overseas (04), and Île-de-France.
REGIONS = ["52", "75", "94", "04", "11"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load(BUNDLED_DIR)


@pytest.fixture(scope="module")
def outlines() -> dict:
    return geo.load_geojson(geo.regions_path(BUNDLED_DIR))


def compact(text: object) -> str:
    """Text without any whitespace: table cells wrap, and extraction respaces them."""
    return "".join(str(text).split())


def open_pdf(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, compact(reader.pages[0].extract_text())


@pytest.fixture(scope="module")
def fiches(ds, outlines) -> dict[str, bytes]:
    return {code: fiche.region_brief_pdf(ds, code, outlines, generated=GENERATED) for code in REGIONS}


@pytest.mark.parametrize("code", REGIONS)
def test_one_a4_page_named_after_the_region(ds, fiches, code):
    reader, text = open_pdf(fiches[code])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.5)
    name = names(ds.regions)[code]
    assert compact(f"Fiche région : {name}") in text
    assert reader.metadata.title == f"Fiche région : {name}"


@pytest.mark.parametrize("code", REGIONS)
def test_every_published_figure_is_printed_as_odd17_displays_it(ds, fiches, code):
    _, text = open_pdf(fiches[code])
    profile = indicators.region_profile(ds, code)
    for _, row in profile[profile["value"].notna()].iterrows():
        assert compact(row["display"]) in text, row["indicator"]
        assert compact(row["label"]) in text, row["indicator"]
    for shown in profile["france_display"].dropna():
        assert compact(shown) in text


@pytest.mark.parametrize("code", REGIONS)
def test_missing_values_read_non_publie(ds, fiches, code):
    """One 'non publié' per missing cell (region and France), the base's when missing, and the legend's."""
    _, text = open_pdf(fiches[code])
    profile = indicators.region_profile(ds, code)
    missing_region = int(profile["display"].eq(MISSING).sum())
    missing_france = int(profile["france_display"].fillna(MISSING).eq(MISSING).sum())
    missing_base = int(indicators.sample_base(ds, code) is None)
    legend = int(not profile.empty)
    assert text.count(compact(MISSING)) == missing_region + missing_france + missing_base + legend


@pytest.mark.parametrize("code", REGIONS)
def test_sample_base_beside_france(ds, fiches, code):
    _, text = open_pdf(fiches[code])
    base = indicators.sample_base(ds, code)
    name = names(ds.regions)[code]
    shown = MISSING if base is None else base["display"]
    assert compact(f"{name} : {shown}") in text
    france = indicators.sample_base(ds, "52")  # a region that has one carries France's beside it
    assert compact(f"France : {france['france_display']}") in text


@pytest.mark.parametrize("code", REGIONS)
def test_examples_and_innovations_of_the_region(ds, fiches, code):
    _, text = open_pdf(fiches[code])
    for _, case in case_studies.in_region(ds.case_studies, code).iterrows():
        assert compact(case["title"]) in text
        if isinstance(case["key_figure"], str) and case["key_figure"]:
            assert compact(case["key_figure"]) in text
    for _, arrival in indicators.diffusion(ds, code).iterrows():
        assert compact(f"saison {arrival['period']}") in text
        assert compact(arrival["label"]) in text


@pytest.mark.parametrize("code", REGIONS)
def test_sources_and_dates(ds, fiches, code):
    _, text = open_pdf(fiches[code])
    created = date.fromisoformat(ds.package["created"][:10])
    assert compact(f"Jeu de données constitué le {fiche.fr_date(created)}") in text
    assert compact(f"Fiche générée le {fiche.fr_date(GENERATED)}") in text
    for citation in indicators.region_profile(ds, code)["citation"].dropna():
        publisher = citation.split(",")[0]
        assert compact(publisher) in text


def test_long_lists_are_cut_to_stay_on_one_page(ds, outlines, monkeypatch):
    brief = fiche.collect(ds, "52")
    crowded = dataclasses.replace(
        brief,
        figures=brief.figures * 8,
        examples=[f"Exemple numéro {i} — un chiffre clé" for i in range(60)],
        innovations=[f"Innovation {i} : saison 2020-2021 — arrivée" for i in range(20)],
        sources=[f"Éditeur {i}, « Titre {i} », 2022" for i in range(30)],
    )
    monkeypatch.setattr(fiche, "collect", lambda *_: crowded)
    reader, text = open_pdf(fiche.region_brief_pdf(ds, "52", outlines, generated=GENERATED))
    assert len(reader.pages) == 1
    assert compact("… et") in text
    assert compact("Jeu de données constitué le") in text


def test_a_fiche_without_outlines_still_prints(ds):
    reader, text = open_pdf(fiche.region_brief_pdf(ds, "52", {"type": "FeatureCollection", "features": []}, generated=GENERATED))
    assert len(reader.pages) == 1
    assert compact("Pays de la Loire") in text


@pytest.mark.parametrize("code", ["FR", "99", ""])
def test_no_fiche_for_france_or_an_unknown_code(ds, outlines, code):
    with pytest.raises(ValueError):
        fiche.region_brief_pdf(ds, code, outlines)


@pytest.mark.parametrize(
    ("day", "french"),
    [(date(2026, 11, 27), "27 novembre 2026"), (date(2022, 5, 1), "1er mai 2022"), (date(2021, 8, 15), "15 août 2021")],
)
def test_french_dates(day, french):
    assert fiche.fr_date(day) == french


@pytest.mark.parametrize(
    ("package", "french"),
    [
        ({"created": "2026-11-27T00:00:00Z"}, "27 novembre 2026"),
        ({"created": "2022-05-20"}, "20 mai 2022"),
        ({"created": "hier"}, "date non précisée"),
        ({}, "date non précisée"),
    ],
)
def test_dataset_creation_date(package, french):
    assert fiche.created_date(package) == french


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("342\u202f144", "342\u202f144"),
        ("74 %", "74\u00a0%"),
        ("« titre » : p. 17", "«\u00a0titre\u00a0»\u00a0: p.\u00a017"),
        ("85 933 166 €", "85 933 166\u00a0€"),
        ("a\x07b\u200bc", "abc"),
        ("ligne\nsuivante", "ligne\nsuivante"),
        ("中文", "\ufffd\ufffd"),
        ("Œuvre, ’, …, É", "Œuvre, ’, …, É"),
    ],
)
def test_printable_text(text, printed):
    assert fiche.printable(text) == printed


def test_printable_cuts_long_text():
    assert fiche.printable("abcdefghij", 5) == "abcd…"


@pytest.mark.parametrize("code", ["28", "11", "06", "94"])
def test_the_population_is_printed_beside_the_sample_base(ds, outlines, code):
    from odd17 import context

    _, text = open_pdf(fiche.region_brief_pdf(ds, code, outlines, generated=GENERATED))
    line = context.population_line(context.population(ds, code))
    assert compact(line) in text
    assert text.index(compact(line)) > text.index(compact(f"France : {fiche.collect(ds, code).base_france}"))


@pytest.mark.parametrize("code", ["28", "76", "27", "52", "94"])
def test_the_published_report_is_named_with_its_link(ds, outlines, code):
    from odd17 import reports

    _, text = open_pdf(fiche.region_brief_pdf(ds, code, outlines, generated=GENERATED))
    rows = reports.for_region(ds, code)
    if rows.empty:
        assert compact(fiche.REPORTS_NONE) in text
    for _, row in rows.iterrows():
        assert compact(fiche.report_line(row)) in text and compact(row["url"]) in text
