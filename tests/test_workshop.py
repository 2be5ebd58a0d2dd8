"""The workshop story: slide numbers from the URL, the slides of a region, their sources."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from odd17 import case_studies, indicators, workshop
from odd17.formats import MISSING
from odd17.regions import FRANCE, names

WITH_DATA = "52"  # Pays de la Loire: more published figures than fit on one slide
PARTIAL = "75"  # Nouvelle-Aquitaine: one figure published, one not; five examples
WITHOUT_DATA = "94"  # Corse: no figure, no example
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


def test_grouped_sources_in_full() -> None:
    assert workshop.grouped_sources(["c17", "web", "c4"], SOURCES, short=False) == {
        "Obs, « Carnet (3e volet) », 2022-05-20": ["p. 4-5", "p. 17"],
        "Youmatter, « Page (Le RAMEAU) », 2016-05-27": ["https://example.org/p"],
    }


def region_slide_count(ds, code: str) -> int:
    if code == FRANCE:
        return 1  # the slide that says how to choose a region
    published = indicators.published(indicators.region_profile(ds, code))
    return max(1, math.ceil(len(published) / workshop.REGION_ROWS_PER_SLIDE))


@pytest.mark.parametrize("code", [FRANCE, WITH_DATA, PARTIAL, WITHOUT_DATA])
def test_story_order(ds, code: str) -> None:
    kinds = [slide.kind for slide in workshop.slides(ds, code)]
    assert kinds == ["figures", "eras", "square", *["region"] * region_slide_count(ds, code), "examples", "sources"]


def test_every_slide_shows_rows_or_says_why_not(ds) -> None:
    for code in [FRANCE, *ds.regions["code"]]:
        for slide in workshop.slides(ds, code):
            assert slide.title
            assert slide.rows.empty != (slide.message == ""), (code, slide.kind)


def test_headline_slide_shows_the_headline_figures(ds) -> None:
    slide = workshop.slides(ds, WITH_DATA)[0]
    expected = indicators.headline_figures(ds)
    assert list(slide.rows["display"]) == list(expected["display"])
    assert slide.source == workshop.source_line(expected, ds.sources)


def test_region_slides_show_every_published_figure(ds) -> None:
    for code in ds.regions["code"]:
        shown = [s for s in workshop.slides(ds, code) if s.kind == "region" and not s.rows.empty]
        published = indicators.published(indicators.region_profile(ds, code))
        assert [i for s in shown for i in s.rows["indicator"]] == list(published["indicator"])
        assert all(len(s.rows) <= workshop.REGION_ROWS_PER_SLIDE for s in shown)


def test_region_with_data_is_titled_and_sourced(ds) -> None:
    name = names(ds.regions)[WITH_DATA]
    shown = [s for s in workshop.slides(ds, WITH_DATA) if s.kind == "region"]
    assert len(shown) == region_slide_count(ds, WITH_DATA) > 1
    assert [s.title for s in shown] == [f"{name} et la France ({i}/{len(shown)})" for i in range(1, len(shown) + 1)]
    assert [s.source for s in shown] == [workshop.source_line(s.rows, ds.sources) for s in shown]
    assert all(s.source for s in shown)


def test_unpublished_figures_are_named_on_the_last_region_slide(ds) -> None:
    name = names(ds.regions)[PARTIAL]
    shown = [s for s in workshop.slides(ds, PARTIAL) if s.kind == "region"]
    missing = indicators.unpublished(indicators.region_profile(ds, PARTIAL))
    assert not missing.empty
    assert shown[-1].note.startswith(f"{MISSING.capitalize()} pour {name} : ")
    assert all(label in shown[-1].note for label in missing["short_label"])
    assert all(s.note == "" for s in shown[:-1])


def test_region_without_data_says_so(ds) -> None:
    name = names(ds.regions)[WITHOUT_DATA]
    assert indicators.region_profile(ds, WITHOUT_DATA).empty
    region, examples = (s for s in workshop.slides(ds, WITHOUT_DATA) if s.kind in {"region", "examples"})
    assert region.rows.empty and examples.rows.empty
    assert region.message == f"Aucun chiffre régional n'est publié pour {name} dans les sources de l'application."
    assert examples.message == f"Le carnet ne situe aucun de ses exemples dans cette région ({name})."


def test_no_region_chosen_says_how_to_choose_one(ds) -> None:
    region = next(s for s in workshop.slides(ds, FRANCE) if s.kind == "region")
    assert region.rows.empty
    assert region.message == workshop.NO_REGION


@pytest.mark.parametrize("code", [WITH_DATA, PARTIAL])
def test_examples_slide_shows_the_first_examples_of_the_region(ds, code: str) -> None:
    slide = next(s for s in workshop.slides(ds, code) if s.kind == "examples")
    located = case_studies.in_region(ds.case_studies, code)
    assert list(slide.rows["id"]) == list(located["id"].head(workshop.EXAMPLES_PER_SLIDE))
    left_out = len(located) - workshop.EXAMPLES_PER_SLIDE
    assert (f"Et {left_out} autres exemples" in slide.note) if left_out > 1 else slide.note == ""


def test_sources_slide_names_every_source_shown(ds) -> None:
    story = workshop.slides(ds, PARTIAL)
    ids = {s for slide in story[:-1] if "source" in slide.rows for s in slide.rows["source"].dropna()}
    table = ds.sources.set_index("id")
    expected = {workshop.work(table.loc[i], short=False) for i in ids}
    assert set(story[-1].rows["work"]) == expected


# --- the live debate's slides ---


@pytest.mark.parametrize(
    ("region", "study_kinds"),
    [
        ("52", ["region", "figures"]),  # Q7: the region's row beside France; the open question: no figure
        ("FR", ["figures", "figures"]),
    ],
)
def test_debate_slides_join_then_study_question_results(ds, region: str, study_kinds: list[str]) -> None:
    from odd17.debate.questions import by_id

    asked = [by_id(ds)["q7_accelerateur"], by_id(ds)["alliance_proche"]]
    story = workshop.debate_slides(ds, region, "K7M4QA", asked)
    assert [s.kind for s in story] == [
        workshop.DEBATE_JOIN,
        study_kinds[0],
        workshop.DEBATE_QUESTION,
        workshop.DEBATE_RESULTS,
        study_kinds[1],
        workshop.DEBATE_QUESTION,
        workshop.DEBATE_RESULTS,
    ]
    assert story[0].rows.to_dict("records") == [{"code": "K7M4QA"}]
    assert story[3].rows.to_dict("records") == [{"code": "K7M4QA", "question": "q7_accelerateur"}]
    assert "74" in " ".join(str(v) for v in story[1].rows.get("france_display", story[1].rows.get("display", [])))
    assert story[4].message == workshop.NO_STUDY_FIGURE and story[4].rows.empty
