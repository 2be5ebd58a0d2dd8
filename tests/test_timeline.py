"""The eras and the dated milestones."""

import pandas as pd
import pytest

from odd17.timeline import KIND_LABELS, by_year, date_label, eras, milestones, start_date


@pytest.mark.parametrize(
    ("date", "precision", "end_year", "expected"),
    [
        ("2017-11-23", "day", pd.NA, "23 novembre 2017"),
        ("2019-10-01", "day", pd.NA, "1er octobre 2019"),
        ("2015-06", "month", pd.NA, "juin 2015"),
        ("2006", "year", pd.NA, "2006"),
        ("2008", "period", 2012, "2008-2012"),
    ],
)
def test_date_label(date: str, precision: str, end_year, expected: str) -> None:
    assert date_label(date, precision, end_year) == expected


@pytest.mark.parametrize(("date", "expected"), [("2015", "2015-01-01"), ("2015-06", "2015-06-01"), ("2017-11-23", "2017-11-23")])
def test_start_date(date: str, expected: str) -> None:
    assert start_date(date) == pd.Timestamp(expected)


def test_eras_end_on_the_open_question(ds) -> None:
    assert eras(ds.concepts)["id"].tolist() == ["solidarite", "bonnes_pratiques", "co_construction", "quatrieme_ere"]


def test_milestones_sorted_and_filtered(ds) -> None:
    everything = milestones(ds.timeline)
    assert everything["start"].is_monotonic_increasing and len(everything) == len(ds.timeline)
    laws = milestones(ds.timeline, ("droit",))
    assert set(laws["kind"]) == {"droit"} and len(laws) == int((ds.timeline["kind"] == "droit").sum())
    assert set(everything["kind_label"]) <= set(KIND_LABELS.values())


@pytest.mark.parametrize(
    ("milestone", "year"), [("rameau-creation-2006", 2006), ("colloque-impact-2017-11-23", 2017), ("odd17-2015", 2015)]
)
def test_carnet_milestones_present(ds, milestone: str, year: int) -> None:
    assert ds.timeline.set_index("id").loc[milestone, "year"] == year


@pytest.mark.parametrize(
    ("dates", "slots", "years"),
    [
        (["2015", "2015-06", "2016"], [0, 1, 0], [2015, 2016]),
        (["2020", "2008", "2020-11-23", "2020-01"], [0, 0, 1, 2], [2008, 2020]),
    ],
)
def test_milestones_of_one_year_get_their_own_slot(dates: list[str], slots: list[int], years: list[int]) -> None:
    frame = pd.DataFrame(
        {"id": [f"m{i}" for i in range(len(dates))], "date": dates, "precision": "year", "end_year": pd.NA, "kind": "droit", "label": "x"}
    )
    marks = milestones(frame)
    assert marks["slot"].tolist() == slots
    assert [year for year, _ in by_year(marks)] == years
