"""The Insee population as a context layer: read as published, missing for Mayotte, never mixed with the study."""

from __future__ import annotations

import pandas as pd
import pytest

from odd17 import context, indicators

NB = "\u00a0"
NNB = "\u202f"
LINE = f"Population municipale au 1er janvier 2021{NB}:"


@pytest.mark.parametrize(
    ("code", "value", "line"),
    [
        ("28", 3327966, f"{LINE} 3{NNB}327{NNB}966{NB}habitants — contexte (Insee)"),
        ("11", 12317279, f"{LINE} 12{NNB}317{NNB}279{NB}habitants — contexte (Insee)"),
        ("94", 347597, f"{LINE} 347{NNB}597{NB}habitants — contexte (Insee)"),
        ("03", 286618, f"{LINE} 286{NNB}618{NB}habitants — contexte (Insee)"),
    ],
)
def test_population_as_published(ds, code: str, value: int, line: str) -> None:
    row = context.population(ds, code)
    assert (row["value"], row["year"], row["source"]) == (value, 2021, "insee-populations-2021")
    assert context.population_line(row) == line


def test_mayotte_is_missing_never_zero(ds) -> None:
    row = context.population(ds, "06")
    assert pd.isna(row["value"]) and row["display"] == "non publié"
    line = context.population_line(row)
    assert line.startswith(f"{LINE} non disponible — contexte (Insee).") and "0" not in line.replace("2021", "")


def test_france_has_no_population_row(ds) -> None:
    assert context.population(ds, "FR") is None and context.population_line(None) == ""


def test_every_region_has_a_population_row(ds) -> None:
    assert sorted(indicators.map_values(ds, context.POPULATION)["region"]) == sorted(ds.regions["code"])


def test_the_map_shows_the_population_as_published_not_a_rate(ds) -> None:
    values = indicators.map_values(ds, context.POPULATION).set_index("region")
    assert values.loc["28", "value"] == 3327966 and values.loc["28", "unit"] == "habitants"
    assert pd.isna(values.loc["06", "value"]) and values.loc["06", "display"] == "non publié"


def test_the_map_picker_offers_it_last_and_labelled_as_context(ds) -> None:
    picker = indicators.map_indicators(ds)
    assert list(picker)[-1] == context.POPULATION
    assert picker[context.POPULATION].endswith("contexte (Insee)")


@pytest.mark.parametrize("code", ["28", "52", "76", "06"])
def test_the_study_profile_leaves_the_context_out(ds, code: str) -> None:
    profile = indicators.region_profile(ds, code)
    assert context.POPULATION not in set(profile["indicator"])


def test_no_study_figure_uses_the_population_unit(ds) -> None:
    """Only the context indicator counts inhabitants: no rate per inhabitant is stored."""
    catalogue = ds.indicators
    assert catalogue.loc[catalogue["unit"] == "habitants", "id"].tolist() == [context.POPULATION]
    assert catalogue.loc[catalogue["family"] == context.FAMILY, "id"].tolist() == [context.POPULATION]
