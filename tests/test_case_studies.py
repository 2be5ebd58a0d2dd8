"""Case-study filtering and accent-insensitive search."""

import pandas as pd
import pytest

from odd17.case_studies import (
    Filters,
    Paging,
    build_index,
    case,
    facet_options,
    filter_cases,
    find,
    in_region,
    normalize,
    overlaps,
    paging,
    region_codes,
    year_bounds,
)

CASES = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d"],
        "title": ["Téléthon", "Silver Geek", "Wimoov", "Fonds i"],
        "summary": ["Maladies rares", "Seniors et numérique", "Mobilité inclusive", "Investissement"],
        "actors": ["AFM", "La Poste ; Unis-Cité", "Renault", "Caisse des Dépôts"],
        "key_figure": ["", "+ de 30 000 seniors", "", ""],
        "actor_profiles": ["association", "association;entreprise", "association", "acteur_public"],
        "domains": ["sante", "bien_vieillir;inclusion_numerique", "mobilite", "investissement"],
        "level": ["national", "national", "national", ""],
        "category": ["innovation_societale", "innovation_societale", "", ""],
        "regions": ["FR", "75;84", "FR", ""],
        "year_start": pd.array([1986, 2012, pd.NA, 2020], dtype="Int64"),
        "year_end": pd.array([pd.NA, pd.NA, pd.NA, 2021], dtype="Int64"),
    }
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["d", "b", "a", "c"]),
        (Filters(regions=("75",)), ["b"]),
        (Filters(regions=("84", "FR")), ["b", "a", "c"]),
        (Filters(actor_profiles=("entreprise",)), ["b"]),
        (Filters(domains=("sante", "mobilite")), ["a", "c"]),
        (Filters(level=("national",), category=("innovation_societale",)), ["b", "a"]),
        (Filters(years=(2015, 2019)), ["b", "a"]),
        (Filters(years=(2021, 2022)), ["d", "b", "a"]),
        (Filters(years=(1900, 1950)), []),
        (Filters(query="telethon"), ["a"]),
        (Filters(query="TÉLÉTHON"), ["a"]),
        (Filters(query="unis cite"), ["b"]),
        (Filters(query="30 000"), ["b"]),
        (Filters(query="seniors numerique"), ["b"]),
        (Filters(query="introuvable"), []),
        (Filters(regions=("75",), query="wimoov"), []),
    ],
)
def test_filter_cases(filters: Filters, expected: list[str]) -> None:
    assert filter_cases(CASES, filters)["id"].tolist() == expected
    assert [CASES["id"][n] for n in find(build_index(CASES), filters)] == expected  # the index agrees


REGION_NAMES = {"FR": "France", "53": "Bretagne", "84": "Auvergne-Rhône-Alpes", "75": "Nouvelle-Aquitaine"}
PLACES = pd.DataFrame(
    {
        "id": ["breton", "lyon", "national", "nowhere"],
        "title": ["Réseau des fermes", "Tiers-lieu", "Programme IMPACT", "Fonds commun"],
        "summary": ["Des fermes du Finistère s'allient.", "À Villeurbanne, près de Lyon.", "Étude nationale.", "Sans lieu."],
        "actors": ["Chambre d'agriculture ; Crédit Agricole", "Métropole de Lyon", "Le RAMEAU", ""],
        "key_figure": ["", "", "", ""],
        "actor_profiles": ["", "", "", ""],
        "domains": ["", "", "", ""],
        "level": ["", "", "", ""],
        "category": ["", "", "", ""],
        "regions": ["53", "84", "FR", ""],
        "year_start": pd.array([pd.NA] * 4, dtype="Int64"),
        "year_end": pd.array([pd.NA] * 4, dtype="Int64"),
    }
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Bretagne", ["breton"]),  # a region's name finds its examples
        ("bretagne", ["breton"]),
        ("auvergne rhone", ["lyon"]),  # accents and case optional
        ("AUVERGNE-RHÔNE-ALPES", ["lyon"]),
        ("finistere", ["breton"]),  # a place in the summary
        ("villeurbanne", ["lyon"]),
        ("lyon", ["lyon"]),  # a place in the actors
        ("credit agricole", ["breton"]),  # an actor
        ("rameau", ["national"]),
        ("national", ["national"]),  # a national example is found as such
        ("france", ["national"]),
        ("nouvelle-aquitaine", []),  # a region without examples
        ("bretagne lyon", []),  # every word must match
        ("", ["lyon", "breton", "national", "nowhere"]),  # no search: every case
    ],
)
def test_search_reads_region_names_places_and_actors(query: str, expected: list[str]) -> None:
    order = filter_cases(PLACES, Filters())["id"].tolist()  # title order
    by_index = [PLACES["id"][n] for n in find(build_index(PLACES, REGION_NAMES), Filters(query=query))]
    by_scan = filter_cases(PLACES, Filters(query=query), REGION_NAMES)["id"].tolist()
    assert by_index == by_scan == [i for i in order if i in expected]


def test_search_without_region_names_reads_only_the_text() -> None:
    assert filter_cases(PLACES, Filters(query="Bretagne"))["id"].tolist() == []
    assert find(build_index(PLACES), Filters(query="Bretagne")) == []


@pytest.mark.parametrize(
    ("total", "page", "size", "expected"),
    [
        (0, 1, 12, Paging(1, 1, 0, 0)),
        (5, 1, 12, Paging(1, 1, 0, 5)),
        (12, 1, 12, Paging(1, 1, 0, 12)),
        (13, 2, 12, Paging(2, 2, 12, 13)),
        (1000, 3, 12, Paging(3, 84, 24, 36)),
        (1000, 84, 12, Paging(84, 84, 996, 1000)),
        (1000, 85, 12, Paging(84, 84, 996, 1000)),  # past the end: the last page
        (1000, 0, 12, Paging(1, 84, 0, 12)),
        (1000, -4, 12, Paging(1, 84, 0, 12)),
        (1000, "abc", 12, Paging(1, 84, 0, 12)),  # from a URL: anything
        (1000, " 2 ", 12, Paging(2, 84, 12, 24)),
        (1000, "9" * 5000, 12, Paging(1, 84, 0, 12)),  # too long to be a number
    ],
)
def test_paging(total: int, page: object, size: int, expected: Paging) -> None:
    assert paging(total, page, size) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("Téléthon", "telethon"), ("ÎLE-DE-FRANCE", "ile-de-france"), ("Œuvre", "œuvre"), (None, ""), ("Ça", "ca")]
)
def test_normalize(text, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("start", "end", "years", "expected"),
    [
        (2010, 2015, None, True),
        (2010, 2015, (2016, 2020), False),
        (2010, pd.NA, (2020, 2022), True),
        (pd.NA, pd.NA, (2000, 2022), False),
        (2018, 2018, (2018, 2018), True),
    ],
)
def test_overlaps(start, end, years, expected: bool) -> None:
    assert overlaps(start, end, years) is expected


@pytest.mark.parametrize(("cell", "expected"), [("75;84", ["75", "84"]), (" 75 ; ", ["75"]), ("", []), (None, [])])
def test_region_codes(cell, expected: list[str]) -> None:
    assert region_codes(cell) == expected


def test_in_region_on_the_dataset_matches_the_regions_column(ds) -> None:
    expected = sorted(ds.case_studies.loc[ds.case_studies["regions"].str.split(";").map(lambda c: "75" in c), "id"])
    assert sorted(in_region(ds.case_studies, "75")["id"]) == expected
    assert "silvergeek" in expected


def test_case_lookup(ds) -> None:
    assert case(ds.case_studies, "silvergeek")["title"] == "Silver Geek"
    assert case(ds.case_studies, "inconnu") is None


def test_facet_options_follow_the_vocabulary_order(ds) -> None:
    assert list(facet_options(ds.concepts, "category")) == [
        "pratiques_responsables",
        "cooperation_economique",
        "innovation_societale",
        "mecenat",
    ]


def test_year_bounds() -> None:
    assert year_bounds(CASES) == (1986, 2021)


def test_a_dataset_without_cases_filters_to_nothing() -> None:
    empty = CASES.iloc[0:0]
    assert filter_cases(empty, Filters(regions=("75",), query="x")).empty
    assert year_bounds(empty) == (2022, 2022)
