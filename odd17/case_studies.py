"""Case studies: facets, filtering and accent-insensitive search."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd

LIST_SEPARATOR = ";"
# A case with no end year is taken as still running when the carnet was written.
CARNET_YEAR = 2022
SEARCHED_COLUMNS = ("title", "summary", "actors", "key_figure")
FACETS = {  # column of case_studies → concept group
    "actor_profiles": "actor_profile",
    "domains": "domain",
    "level": "level",
    "category": "category",
}


@dataclass(frozen=True)
class Filters:
    """The state of the examples page; empty tuples mean 'no filter'."""

    regions: tuple[str, ...] = ()
    actor_profiles: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    query: str = ""


def region_codes(cell: object) -> list[str]:
    """The region codes of a ';'-separated cell."""
    return [c.strip() for c in str(cell or "").split(LIST_SEPARATOR) if c.strip()]


def normalize(text: object) -> str:
    """Lower case without accents, for searching: 'Téléthon' → 'telethon'."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches_any(cell: object, wanted: tuple[str, ...]) -> bool:
    """True when a ';'-list cell shares at least one item with `wanted`."""
    return not wanted or bool(set(region_codes(cell)) & set(wanted))


def overlaps(start: object, end: object, years: tuple[int, int] | None) -> bool:
    """True when [start, end] meets the year range; undated cases never match a range."""
    if years is None:
        return True
    if pd.isna(start):
        return False
    last = CARNET_YEAR if pd.isna(end) else end
    return int(start) <= years[1] and int(last) >= years[0]


def search_text(frame: pd.DataFrame) -> pd.Series:
    """The normalized text searched for each case."""
    joined = frame[list(SEARCHED_COLUMNS)].fillna("").astype(str).agg(" ".join, axis=1)
    return joined.map(normalize)


def matches_query(frame: pd.DataFrame, query: str) -> pd.Series:
    """Every word of the query appears in the case's text (accents ignored)."""
    words = normalize(query).split()
    haystack = search_text(frame)
    return haystack.map(lambda text: all(w in text for w in words))


def filter_cases(cases: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The cases that pass every filter, in title order."""
    if cases.empty:
        return cases.reset_index(drop=True)
    keep = cases["regions"].map(lambda c: matches_any(c, filters.regions))
    for column in FACETS:
        wanted = getattr(filters, column)
        keep &= cases[column].map(lambda c, w=wanted: matches_any(c, w))
    in_years = [overlaps(s, e, filters.years) for s, e in zip(cases["year_start"], cases["year_end"], strict=True)]
    keep &= pd.Series(in_years, index=cases.index, dtype=bool)
    if filters.query.strip():
        keep &= matches_query(cases, filters.query)
    return cases[keep].sort_values("title", key=lambda c: c.map(normalize)).reset_index(drop=True)


def in_region(cases: pd.DataFrame, code: str) -> pd.DataFrame:
    """The cases located in a region."""
    return filter_cases(cases, Filters(regions=(code,)))


def facet_options(concepts: pd.DataFrame, column: str) -> dict[str, str]:
    """id → label of the vocabulary behind a facet column, in its order."""
    group = concepts[concepts["group"] == FACETS[column]].sort_values("order")
    return dict(zip(group["id"], group["label"], strict=True))


def year_bounds(cases: pd.DataFrame) -> tuple[int, int]:
    """The smallest and largest year of the cases."""
    years = pd.concat([cases["year_start"], cases["year_end"]]).dropna()
    if years.empty:  # a dataset without dated cases: one year, the carnet's
        return CARNET_YEAR, CARNET_YEAR
    return int(years.min()), int(years.max())


def labels(cell: object, vocabulary: dict[str, str]) -> str:
    """A ';'-list of ids shown as their labels."""
    return ", ".join(vocabulary.get(i, i) for i in region_codes(cell))


def case(cases: pd.DataFrame, case_id: str) -> pd.Series | None:
    """One case by id, or None."""
    rows = cases[cases["id"] == case_id]
    return rows.iloc[0] if len(rows) else None
