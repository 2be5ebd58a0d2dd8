"""Page state in the URL: parse query parameters safely, and write them back.

Query parameters arrive from links shared by e-mail: anything may be in them.
Parsing never raises; a refused value falls back to the default and yields a
French notice that the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from odd17.case_studies import Filters
from odd17.regions import shown

MAX_QUERY = 200  # characters kept of a search typed in a URL
MAX_ITEMS = 30  # values read of one list parameter (more than any vocabulary holds)
MAX_NOTICES = 3  # refused values quoted one by one, per parameter
YEAR_PARAM = "annees"
QUERY_PARAM = "q"
REGION_PARAM = "region"
CASE_PARAM = "exemple"
PAGE_PARAM = "page"  # the page of the examples' result list, from 1
LIST_PARAMS = {"profil": "actor_profiles", "domaine": "domains", "niveau": "level", "categorie": "category"}


@dataclass(frozen=True)
class Parsed:
    filters: Filters
    notices: tuple[str, ...] = ()


def values(params: Mapping[str, object], key: str) -> list[str]:
    """A parameter as a list of strings, whether it came once, repeated or not at all."""
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [str(v) for v in items]


def split(items: list[str]) -> list[str]:
    """Accept both ?x=a&x=b and ?x=a,b."""
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def known_values(items: list[str], known: set[str], label: str) -> tuple[tuple[str, ...], list[str]]:
    """Keep the known values, in order and once; a notice for the others and for a list too long."""
    kept = tuple(dict.fromkeys(v for v in items[:MAX_ITEMS] if v in known))
    refused = [v for v in items[:MAX_ITEMS] if v not in known]
    notices = [f"Valeur inconnue ignorée pour « {label} » : « {shown(v)} »." for v in refused[:MAX_NOTICES]]
    if len(items) > MAX_ITEMS:
        notices.append(f"Trop de valeurs pour « {label} » : seules les {MAX_ITEMS} premières sont lues.")
    return kept, notices


def first_value(items: list[str], label: str) -> tuple[str | None, list[str]]:
    """The value of a parameter that takes one; a notice when it came with different values."""
    if not items:
        return None, []
    several = len(set(items)) > 1
    return items[0], [f"Plusieurs valeurs pour « {label} » : seule la première est gardée."] if several else []


def parse_years(text: str | None, bounds: tuple[int, int]) -> tuple[tuple[int, int] | None, list[str]]:
    """'2010-2018' → (2010, 2018) clipped to bounds; anything else → no filter + notice."""
    if text is None or not text.strip():
        return None, []
    try:
        low, high = (int(p) for p in text.split("-", 1))
    except ValueError:
        return None, [f"Période non comprise : « {shown(text)} » (attendu : {bounds[0]}-{bounds[1]})."]
    low, high = max(min(low, high), bounds[0]), min(max(low, high), bounds[1])
    if low > high:
        return None, [f"Période hors des années des exemples : « {shown(text)} »."]
    return ((low, high) if (low, high) != bounds else None), []


def parse_filters(params: Mapping[str, object], vocab: Mapping[str, set[str]], regions: set[str], bounds: tuple[int, int]) -> Parsed:
    """The examples page's filters from query parameters, with notices for what was refused."""
    notices: list[str] = []
    chosen: dict[str, object] = {}
    region_values, found = known_values(split(values(params, "regions")), regions, "région")
    chosen["regions"], notices = region_values, notices + found
    for param, column in LIST_PARAMS.items():
        kept, found = known_values(split(values(params, param)), vocab.get(column, set()), param)
        chosen[column], notices = kept, notices + found
    period, found = first_value(values(params, YEAR_PARAM), "période")
    years, refused = parse_years(period, bounds)
    notices += found + refused
    query, found = first_value(values(params, QUERY_PARAM), "recherche")
    query = query or ""
    notices += found
    if len(query) > MAX_QUERY:
        notices.append(f"Recherche trop longue : seuls les {MAX_QUERY} premiers caractères sont gardés.")
    return Parsed(Filters(years=years, query=query[:MAX_QUERY], **chosen), tuple(notices))


def encode_filters(filters: Filters) -> dict[str, str]:
    """Query parameters that reproduce the filters (empty ones left out)."""
    params = {"regions": ",".join(filters.regions)}
    for param, column in LIST_PARAMS.items():
        params[param] = ",".join(getattr(filters, column))
    if filters.years:
        params[YEAR_PARAM] = f"{filters.years[0]}-{filters.years[1]}"
    params[QUERY_PARAM] = filters.query
    return {k: v for k, v in params.items() if v}
