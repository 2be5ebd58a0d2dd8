"""The workshop story: slide numbers from the URL, the slides of a region, their sources."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from odd17 import case_studies, charts, indicators, timeline, workshop
from odd17.formats import MISSING
from odd17.regions import FRANCE, for_region, in_region, names, to_region

WITH_DATA = "52"  # Pays de la Loire: more published figures than fit on one slide
PARTIAL = "75"  # Nouvelle-Aquitaine: one figure published, one not; five examples
WITHOUT_DATA = "94"  # Corse: no figure, no example
OVERSEAS = "04"  # La Réunion: no figure, no example
NB = "\u00a0"
FIRST = "la première est affichée."


@pytest.mark.parametrize(
    ("raw", "count", "expected"),
    [
        (None, 6, (1, None)),
        ("", 6, (1, None)),
        ("   ", 6, (1, None)),
        ("1", 6, (1, None)),
        ("4", 6, (4, None)),
        (" 3 ", 6, (3, None)),
        (5, 6, (5, None)),
        ("6", 6, (6, None)),
        ("7", 6, (6, "Il n'y a que 6 diapositives : la dernière est affichée.")),
        ("999999999999", 7, (7, "Il n'y a que 7 diapositives : la dernière est affichée.")),
        ("0", 6, (1, f"Les diapositives commencent à 1 : {FIRST}")),
        ("-2", 6, (1, f"Les diapositives commencent à 1 : {FIRST}")),
        ("deux", 6, (1, f"Numéro de diapositive non compris : {FIRST}")),
        ("2.5", 6, (1, f"Numéro de diapositive non compris : {FIRST}")),
        ("<script>alert(1)</script>", 6, (1, f"Numéro de diapositive non compris : {FIRST}")),
    ],
)
def test_parse_slide(raw: object, count: int, expected: tuple[int, str | None]) -> None:
    assert workshop.parse_slide(raw, count) == expected


@pytest.mark.parametrize(
    ("rows", "size", "lengths"),
    [(1, 6, [1]), (6, 6, [6]), (7, 6, [4, 3]), (8, 6, [4, 4]), (12, 6, [6, 6]), (13, 6, [5, 5, 3])],
)
def test_chunks_are_balanced(rows: int, size: int, lengths: list[int]) -> None:
    parts = workshop.chunks(pd.DataFrame({"n": range(rows)}), size)
    assert [len(p) for p in parts] == lengths
    assert list(pd.concat(parts)["n"]) == list(range(rows))


SOURCES = pd.DataFrame(
    {
        "id": ["c17", "c4", "c19", "web", "bare", "long"],
        "title": ["Carnet (3e volet)", "Carnet (3e volet)", "Carnet (3e volet)", "Page (Le RAMEAU)", "Note", "Long"],
        "publisher": ["Obs", "Obs", "Obs", "Youmatter", "Coursera", "X"],
        "date": ["2022-05-20", "2022-05-20", "2022-05-20", "2016-05-27", None, ""],
        "url": ["", "", "", "https://example.org/p", None, ""],
        "section": ["Chiffres, p. 17", "Rappel, p. 4-5", "Ères, p. 19-20", "", "typologie", "a" * 70],
    }
)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["c17"], "Obs, « Carnet », 2022, p. 17"),
        (["c17", "c4", "c17"], "Obs, « Carnet », 2022, p. 4-5, p. 17"),
        (["c19", "web"], "Obs, « Carnet », 2022, p. 19-20 ; Youmatter, « Page », 2016"),
        (["bare"], "Coursera, « Note », typologie"),
        (["long"], "X, « Long », " + "a" * 59 + "…"),
        (["unknown"], ""),
        ([], ""),
    ],
)
def test_source_line(ids: list[str], expected: str) -> None:
    assert workshop.source_line(pd.DataFrame({"source": ids}), SOURCES) == expected


def test_grouped_sources_in_full_never_show_a_url() -> None:
    assert workshop.grouped_sources(["c17", "web", "c4"], SOURCES, short=False) == {
        "Obs, « Carnet (3e volet) », 20 mai 2022": ["p. 4-5", "p. 17"],
        "Youmatter, « Page (Le RAMEAU) », 27 mai 2016": [],
    }


def region_kinds(ds, code: str) -> list[str]:
    if code == FRANCE or workshop.region_figures(ds, code).empty:
        return ["national"]  # France's figures as the reference
    figures = workshop.region_figures(ds, code)
    pairs = int(workshop.is_pair(figures).sum())
    singles = len(figures) - pairs
    count = math.ceil(pairs / workshop.PAIRS_PER_SLIDE)
    if singles > workshop.SIDE_FIGURES or not count:
        count += math.ceil(singles / workshop.REGION_ROWS_PER_SLIDE)
    return ["region"] * count


@pytest.mark.parametrize("code", [FRANCE, WITH_DATA, PARTIAL, WITHOUT_DATA, OVERSEAS, "27", "76"])
def test_story_order(ds, code: str) -> None:
    frieze = math.ceil(len(timeline.milestones(ds.timeline, workshop.MILESTONE_KINDS)) / workshop.MILESTONES_PER_SLIDE)
    kinds = [slide.kind for slide in workshop.slides(ds, code)]
    assert kinds == [
        "figures",
        "eras",
        *["timeline"] * frieze,
        "square",
        "companies",
        "map",
        *region_kinds(ds, code),
        "examples",
        "sources",
    ]


def test_every_slide_shows_rows_or_says_why_not(ds) -> None:
    for code in [FRANCE, *ds.regions["code"]]:
        for slide in workshop.slides(ds, code):
            assert slide.title
            assert not slide.rows.empty or slide.message, (code, slide.kind)


@pytest.mark.parametrize(
    "code", ["FR", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94", "01", "02", "03", "04", "06"]
)
def test_never_two_slides_of_aucun(ds, code: str) -> None:
    said = [s.kind for s in workshop.slides(ds, code) if "aucun" in f"{s.title} {s.message} {s.note}".lower()]
    assert len(said) <= 1, said


def test_headline_slide_shows_the_headline_figures(ds) -> None:
    slide = workshop.slides(ds, WITH_DATA)[0]
    expected = indicators.headline_figures(ds)
    assert list(slide.rows["display"]) == list(expected["display"])
    assert slide.source == workshop.source_line(expected, ds.sources)


def test_region_slides_show_every_published_figure(ds) -> None:
    for code in ds.regions["code"]:
        story = workshop.slides(ds, code)
        shown = [s for s in story if s.kind == "region"]
        published = indicators.published(indicators.region_profile(ds, code))
        expected = [i for i in published["indicator"] if i != indicators.SAMPLE_BASE]
        assert sorted(i for s in shown for i in s.rows["indicator"]) == sorted(expected), code
        if indicators.SAMPLE_BASE in set(published["indicator"]):  # context, beside the map
            base = indicators.sample_base(ds, code)
            assert base["display"] in list(next(s for s in story if s.kind == "map").rows["display"])


def test_region_beside_france_draws_bars_where_both_exist(ds) -> None:
    slide = next(s for s in workshop.slides(ds, WITH_DATA) if s.kind == "region")
    assert slide.title == "Les Pays de la Loire et la France"
    (chart,) = slide.charts
    assert chart.builder == "comparison_chart"
    bars = chart.args[0]
    assert list(bars["indicator"]) == list(slide.rows.loc[slide.rows["chart"], "indicator"])
    assert bars["france_value"].notna().all() and (bars["unit"] == "%").all()
    spec = getattr(charts, chart.builder)(*chart.args).to_dict()
    assert len(spec["datasets"][spec["data"]["name"]]) == 2 * len(bars)
    assert slide.source == workshop.source_line(slide.rows, ds.sources)


def test_unpublished_figures_are_named_once(ds) -> None:
    for code, kind in [(WITH_DATA, "region"), (PARTIAL, "national")]:
        name = names(ds.regions)[code]
        missing = indicators.unpublished(indicators.region_profile(ds, code))
        noted = [s.note for s in workshop.slides(ds, code) if MISSING.capitalize() in s.note]
        assert len(noted) == 1 and f"{MISSING.capitalize()} {for_region(code, name)} : " in noted[0]
        assert all(label in noted[0] for label in missing["short_label"])
        assert next(s for s in workshop.slides(ds, code) if s.note == noted[0]).kind == kind


@pytest.mark.parametrize("code", [WITHOUT_DATA, OVERSEAS, "06"])
def test_region_without_data_says_so_once_then_tells_the_national_story(ds, code: str) -> None:
    name = names(ds.regions)[code]
    assert indicators.region_profile(ds, code).empty
    story = workshop.slides(ds, code)
    opening = next(s for s in story if s.kind == "map")
    assert opening.message == (
        f"Le carnet ne publie aucun chiffre propre {to_region(code, name)} et ne situe aucun de ses exemples "
        f"{in_region(code, name)} : voici les repères de la France et des programmes nationaux."
    )
    assert opening.highlight == code
    national = next(s for s in story if s.kind == "national")
    assert national.title == "Les repères de la France" and not national.rows.empty and national.charts
    examples = next(s for s in story if s.kind == "examples")
    assert examples.message == "" and examples.title == "Des programmes nationaux"
    assert set(examples.rows["scope"]) == {"Programme national"}
    assert all(FRANCE in r.split(";") for r in examples.rows["regions"])


def test_no_region_chosen_says_how_to_choose_one(ds) -> None:
    opening = next(s for s in workshop.slides(ds, FRANCE) if s.kind == "map")
    assert opening.rows.empty and opening.highlight == ""
    assert opening.message == workshop.NO_REGION


def test_examples_slide_shows_the_region_s_examples_then_national_ones(ds) -> None:
    for code in [WITH_DATA, PARTIAL]:
        name = names(ds.regions)[code]
        slide = next(s for s in workshop.slides(ds, code) if s.kind == "examples")
        located = case_studies.in_region(ds.case_studies, code)
        mine = list(located["id"].head(workshop.EXAMPLES_PER_SLIDE))
        assert list(slide.rows["id"][: len(mine)]) == mine
        assert len(slide.rows) == workshop.EXAMPLES_PER_SLIDE
        scopes = dict(zip(slide.rows["id"], slide.rows["scope"], strict=True))
        assert (
            scopes.get("silvergeek", f"Programme national, présent {in_region(code, name)}")
            == f"Programme national, présent {in_region(code, name)}"
        )
        assert all(scopes[i] == "Programme national" for i in slide.rows["id"][len(mine) :])
        assert slide.title == f"Des exemples {in_region(code, name)}"


def test_examples_missing_in_a_region_with_figures_are_said_on_the_examples_slide(ds) -> None:
    name = names(ds.regions)["27"]
    slide = next(s for s in workshop.slides(ds, "27") if s.kind == "examples")
    assert slide.message == f"Le carnet ne situe aucun de ses exemples {in_region('27', name)} : voici des programmes nationaux."


def test_sources_slide_names_every_source_shown_without_a_url(ds) -> None:
    for code in [PARTIAL, WITH_DATA, WITHOUT_DATA]:
        story = workshop.slides(ds, code)
        ids = {i for slide in story[:-1] for i in workshop.source_ids(slide.rows)}
        table = ds.sources.set_index("id")
        expected = {workshop.work(table.loc[i], short=False) for i in ids}
        assert set(story[-1].rows["work"]) == expected
        text = " ".join([*story[-1].rows["work"], *(p for places in story[-1].rows["places"] for p in places)])
        assert "http" not in text and "www." not in text
        assert "20 mai 2022" in text and "2022-05-20" not in text


def test_timeline_slides_carry_every_milestone_of_their_kinds_once(ds) -> None:
    frieze = [s for s in workshop.slides(ds, WITH_DATA) if s.kind == "timeline"]
    expected = timeline.milestones(ds.timeline, workshop.MILESTONE_KINDS)
    assert [i for s in frieze for i in s.rows["id"]] == list(expected["id"])
    assert all(len(s.rows) <= workshop.MILESTONES_PER_SLIDE for s in frieze)
    assert frieze[0].title == "Des jalons, de 2006 à 2013"  # 2006, 2008-2012, 2008-2014, 2008, 2013-2018


def test_companies_slide_shows_the_rate_and_the_scale(ds) -> None:
    slide = next(s for s in workshop.slides(ds, WITH_DATA) if s.kind == "companies")
    trend, scale = (spec.args[0] for spec in slide.charts)
    assert [(int(y), d) for y, d in zip(trend["year"], trend["display"], strict=True)] == [(2015, f"36{NB}%"), (2021, f"57{NB}%")]
    assert list(zip(scale["item"], scale["display"], strict=True)) == [
        ("Local", f"68{NB}%"),
        ("Régional", f"44{NB}%"),
        ("National", f"19{NB}%"),
        ("International", f"7{NB}%"),
    ]
    for spec in slide.charts:
        assert getattr(charts, spec.builder)(*spec.args).to_dict()["description"]
