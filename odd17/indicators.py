"""Figures: a region beside France, the map's values, the headline figures.

Every function returns rows that still carry their source, year and base, so a
page can print the citation under whatever it shows.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

from odd17.formats import MISSING, fr_value, fr_year
from odd17.regions import FRANCE

DERIVED_CASES = "nb_exemples"
SAMPLE_BASE = "fr_q7_base"
DERIVED_DIFFUSION = "silvergeek_arrivee"
# Context figures (Insee population) are not study results: kept out of a region's
# study profile and offered on the map only under their own « contexte » label.
CONTEXT_FAMILY = "contexte"
# A note that starts so carries a conflict between sources or a doubt about the
# reading: pages show it beside the figure, not only in the table view.
CAUTION_MARK = "Attention"
# The same question (« les partenariats sont source d'innovation ») asked of four
# populations; the French figure is the carnet's Q7, which the programme's 2023
# summary gives with the same 74 %. Two sources differ for company leaders: both kept.
INNOVATION_VIEWS = (
    ("fr_alliances_accelerateur", "Français"),
    ("impact_innovation_maires", "Maires"),
    ("impact_innovation_dirigeants", "Dirigeants (Le RAMEAU, 2023)"),
    ("impact_innovation_dirigeants_ra", "Dirigeants (Réseau Alliances, 2025)"),
    ("impact_innovation_associatifs", "Responsables associatifs"),
)
HEADLINES = (
    ("fr_alliances_accelerateur", None),
    ("fr_mouvement_suffisant", None),
    ("entreprises_taux_partenariat", 2015),
    ("entreprises_taux_partenariat", 2021),
    ("elus_impact_confiance", None),
    ("prog_exemples_inspirants", None),
)
POPULATIONS = {
    "Français": ("regards_francais", "regard_francais_entreprises", "fragilites"),
    "Élus locaux": ("regards_elus",),
    "Associations": ("regards_associations", "partenaires_associations", "echelle_associations", "modalites_associations"),
    "Entreprises": (
        "regards_entreprises",
        "pratiques_entreprises",
        "echelle_entreprises",
        "modalites_entreprises",
        "phare_pratiques",
        "phare_modalites",
        "phare_innovation",
    ),
}
CATALOGUE_COLUMNS = ["id", "label", "short_label", "question", "study", "population", "unit", "family", "item"]
# Derived tables computed once per loaded object (a Dataset, a sources frame),
# keyed by the object's identity and dropped when it is garbage-collected. The
# inputs are never modified in place, so the result for one object never changes;
# callers get a copy, so nothing they do can reach the memo.
_MEMO: dict[tuple[Hashable, int], Any] = {}


def memoized(name: Hashable, owner: object, compute: Callable[[], Any]) -> Any:
    """compute(), once per (name, owner object); forgotten when the owner is."""
    key = (name, id(owner))
    if key not in _MEMO:
        value = compute()
        try:
            weakref.finalize(owner, _MEMO.pop, key, None)
        except TypeError:  # an owner that cannot be weakly referenced is not memoized
            return value
        _MEMO[key] = value
    return _MEMO[key]


def copy_of(value: Any) -> Any:
    """A copy the caller may modify freely (tables, series, dicts); immutable values as they are."""
    return value.copy() if isinstance(value, pd.DataFrame | pd.Series | dict) else value


def per_dataset(query: Callable[..., Any]) -> Callable[..., Any]:
    """Memoize a query of the dataset: computed once per (dataset, arguments), a copy handed out."""

    @functools.wraps(query)
    def memo(ds, *args: Hashable, **kwargs: Hashable) -> Any:
        name = (query.__name__, args, tuple(sorted(kwargs.items())))
        return copy_of(memoized(name, ds, lambda: query(ds, *args, **kwargs)))

    return memo


def with_catalogue(figures: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Figures joined to their catalogue entry (label, unit, question, ...)."""
    catalogue = indicators[[c for c in CATALOGUE_COLUMNS if c in indicators]]
    joined = figures.merge(catalogue, left_on="indicator", right_on="id", how="left")
    return joined.drop(columns="id")


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add a readable citation column from the sources table."""
    cite = memoized("citations", sources, lambda: citations(sources))
    return frame.assign(citation=frame["source"].map(cite))


def citations(sources: pd.DataFrame) -> pd.Series:
    """Source id → readable citation."""
    return sources.set_index("id").apply(citation, axis=1)


def citation(source: pd.Series) -> str:
    """'Publisher, « title », date, section' for one source row."""
    parts = [source.get("publisher", ""), f"« {source.get('title', '')} »", source.get("date", ""), source.get("section", "")]
    return ", ".join(p for p in parts if isinstance(p, str) and p)


def french_date(date: object) -> str:
    """'2022-05-20' → '20 mai 2022'; partial or missing dates stay as they are."""
    from odd17.timeline import date_label

    text = str(date or "")
    return date_label(text, "day" if len(text) == 10 else "year", pd.NA) if text[:4].isdigit() else text


def citation_line(sources: pd.DataFrame, ids) -> str:
    """The sources of some rows in one line, each document once with its sections."""
    wanted = tuple(dict.fromkeys(ids))
    return memoized(("citation_line", wanted), sources, lambda: grouped_citations(sources, wanted))


def grouped_citations(sources: pd.DataFrame, wanted: tuple[str, ...]) -> str:
    """citation_line, computed."""
    rows = sources[sources["id"].isin(list(wanted))]
    parts = []
    for (publisher, title, date), group in rows.groupby(["publisher", "title", "date"], sort=False):
        sections = "; ".join(s for s in group["section"] if s)
        head = f"{publisher}, « {title} »" + (f", {french_date(date)}" if date else "")
        parts.append(f"{head} ({sections})" if sections else head)
    return " ; ".join(parts)


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the French display of each value and year."""
    shown = [fr_value(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)]
    return frame.assign(display=shown, year_display=frame["year"].map(fr_year))


@per_dataset
def figures(ds) -> pd.DataFrame:
    """Every figure with its catalogue entry, citation and French display."""
    return display(with_sources(with_catalogue(ds.figures, ds.indicators), ds.sources))


def latest(frame: pd.DataFrame, key: str = "indicator") -> pd.DataFrame:
    """One row per `key`: the most recent year (undated rows count as oldest)."""
    ordered = frame.assign(_y=frame["year"].fillna(-1)).sort_values([key, "_y"])
    return ordered.drop_duplicates(key, keep="last").drop(columns="_y")


@per_dataset
def region_profile(ds, code: str) -> pd.DataFrame:
    """The region's study figures (missing ones included) beside France's latest value; context excluded."""
    table = figures(ds)
    mine = latest(table[(table["region"] == code) & (table["family"] != CONTEXT_FAMILY)])
    france = latest(table[table["region"] == FRANCE])[["indicator", "value", "display", "year_display", "base"]]
    france = france.rename(columns=lambda c: c if c == "indicator" else f"france_{c}")
    merged = mine.merge(france, on="indicator", how="left").reset_index(drop=True)
    # No national row in the sources: as missing as a chart-only value, and said the same way.
    return merged.fillna({"france_display": MISSING, "france_year_display": "", "france_base": ""})


@per_dataset
def sample_base(ds, code: str) -> pd.Series | None:
    """The region's Q7 sample base beside France's, or None when not published."""
    profile = region_profile(ds, code)
    rows = profile[profile["indicator"] == SAMPLE_BASE]
    return rows.iloc[0] if len(rows) else None


@per_dataset
def headline_figures(ds) -> pd.DataFrame:
    """The home page's key figures, in the order of HEADLINES."""
    table = figures(ds)
    table = table[table["region"] == FRANCE]
    rows = []
    for indicator, year in HEADLINES:
        match = table[table["indicator"] == indicator]
        rows.append(match[match["year"] == year] if year else match.tail(1))
    return pd.concat(rows, ignore_index=True)


@per_dataset
def family(ds, name: str, region: str = FRANCE) -> pd.DataFrame:
    """All figures of one family (e.g. 'echelle_entreprises') for a region."""
    table = figures(ds)
    rows = table[(table["family"] == name) & (table["region"] == region)]
    return rows.reset_index(drop=True)


@per_dataset
def population_figures(ds, population: str) -> pd.DataFrame:
    """The figures shown for one surveyed population in Regards croisés."""
    table = figures(ds)
    rows = table[table["family"].isin(POPULATIONS[population]) & (table["region"] == FRANCE)]
    return rows.reset_index(drop=True)


@per_dataset
def map_indicators(ds) -> dict[str, str]:
    """Indicators that truly exist per region: id → label, for the map picker."""
    table = figures(ds)
    regional = table[(table["region"] != FRANCE) & table["value"].notna()]
    regional = regional.sort_values("family", key=lambda f: f.eq(CONTEXT_FAMILY), kind="stable")  # context last
    found = dict(regional.drop_duplicates("indicator")[["indicator", "label"]].itertuples(index=False))
    return {
        DERIVED_CASES: "Exemples inspirants situés dans la région (nombre)",
        DERIVED_DIFFUSION: "Arrivée de Silver Geek dans la région (début de saison)",
        **found,
    }


def cases_per_region(ds) -> pd.DataFrame:
    """How many case studies name each region."""
    from odd17.case_studies import region_codes

    counts = pd.Series([c for codes in ds.case_studies["regions"] for c in region_codes(codes)]).value_counts()
    return pd.DataFrame({"region": ds.regions["code"], "value": ds.regions["code"].map(counts).fillna(0)})


@per_dataset
def map_values(ds, indicator: str) -> pd.DataFrame:
    """One row per region (all 18): value (NA if not published), display, year, base, source."""
    regions = ds.regions[["code", "name"]].rename(columns={"code": "region"})
    rows = map_rows(ds, indicator)
    out = regions.merge(rows, on="region", how="left")
    out["display"] = [fr_value(v, u, "") for v, u in zip(out["value"], out["unit"].fillna(""), strict=True)]
    out["year_display"] = out["year"].map(fr_year) if indicator != DERIVED_CASES else "sans objet"
    return out.fillna({"base": "", "citation": "", "period": "", "unit": "", "source": ""})


def map_rows(ds, indicator: str) -> pd.DataFrame:
    """The regional rows behind one map indicator, derived ones included."""
    if indicator == DERIVED_CASES:
        counts = cases_per_region(ds)
        sources = cases_sources_per_region(ds)
        return counts.assign(
            unit="exemples",
            year=pd.NA,
            base="Exemples du carnet situés dans la région",
            source=counts["region"].map(sources).fillna(""),
            citation=counts["region"].map(sources).fillna("").map(lambda ids: citation_line(ds.sources, ids.split(";"))),
        )
    if indicator == DERIVED_DIFFUSION:
        rows = with_sources(ds.diffusion[ds.diffusion["innovation"] == "silvergeek"], ds.sources)
        return rows.assign(value=rows["year"].astype("Float64"), unit="année", base=rows["period"])[
            ["region", "value", "unit", "year", "base", "source", "citation", "period"]
        ]
    table = figures(ds)
    rows = table[(table["indicator"] == indicator) & (table["region"] != FRANCE)]
    rows = latest(rows, key="region")
    return rows[["region", "value", "unit", "year", "base", "source", "citation"]]


def cases_sources_per_region(ds) -> dict[str, str]:
    """Region code → the ';'-joined source ids of the case studies located there."""
    from odd17.case_studies import region_codes

    found: dict[str, set[str]] = {}
    for codes, source in zip(ds.case_studies["regions"], ds.case_studies["source"], strict=True):
        for code in region_codes(codes):
            found.setdefault(code, set()).add(source)
    return {code: ";".join(sorted(ids)) for code, ids in found.items()}


@per_dataset
def diffusion(ds, code: str) -> pd.DataFrame:
    """Innovations that reached a region, and when (empty for France)."""
    rows = ds.diffusion[ds.diffusion["region"] == code]
    return with_sources(rows, ds.sources).reset_index(drop=True)


def unit_of(values: pd.DataFrame) -> str:
    """The unit of a map's values (they share one)."""
    units = [u for u in values["unit"].dropna() if u]
    return units[0] if units else ""


def map_alt(values: pd.DataFrame, label: str) -> str:
    """Text alternative of the map: every region's value."""
    listed = " ; ".join(f"{n} : {d}" for n, d in zip(values["name"], values["display"], strict=True))
    return f"Carte des 18 régions : {label}. {listed}"


@per_dataset
def concepts(ds, group: str) -> pd.DataFrame:
    """One vocabulary group (categories, objectives, levers...) in order, with citations."""
    rows = ds.concepts[ds.concepts["group"] == group].sort_values("order")
    return with_sources(rows, ds.sources).reset_index(drop=True)


def bars_alt(frame: pd.DataFrame, title: str) -> str:
    """Text alternative of a bar chart: every item and its value."""
    return f"{title} : " + " ; ".join(f"{i} : {d}" for i, d in zip(frame["item"], frame["display"], strict=True))


def citation_of(ds, source_id: str) -> str:
    """The readable citation of one source id ('' if unknown)."""
    rows = ds.sources[ds.sources["id"] == source_id]
    return citation(rows.iloc[0]) if len(rows) else ""


def published(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a value (for charts); the others are listed as 'non publié'."""
    return frame[frame["value"].notna()].reset_index(drop=True)


def unpublished(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value is not published."""
    return frame[frame["value"].isna()].reset_index(drop=True)


def questions(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct question behind a set of figures (wording, study, base, year)."""
    rows = frame.assign(question=frame["question"].replace("", pd.NA).fillna(frame["label"]))
    return rows.drop_duplicates(["question", "base", "year_display"])[
        ["question", "study", "base", "year_display", "citation"]
    ].reset_index(drop=True)


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Bar labels: the short label, with the year when the source gives one."""
    years = frame["year_display"].where(frame["year"].notna(), "")
    return frame.assign(item=frame["short_label"] + years.map(lambda y: f" ({y})" if y else ""))


def cautions(frame: pd.DataFrame) -> pd.DataFrame:
    """Notes that flag a conflict between sources or a doubtful reading: one row per note,
    with the figures it concerns ('label (value)', '; '-joined), in the frame's order."""
    notes = frame["note"].fillna("").astype(str)
    flagged = frame[notes.str.startswith(CAUTION_MARK)]
    figures_of = [f"{label} ({shown})" for label, shown in zip(flagged["label"], flagged["display"], strict=True)]
    grouped = flagged.assign(figures=figures_of).groupby("note", sort=False)["figures"].agg(" ; ".join)
    return pd.DataFrame({"figures": grouped.to_numpy(), "note": grouped.index}, columns=["figures", "note"])


@per_dataset
def innovation_views(ds) -> pd.DataFrame:
    """« Source d'innovation » by population, France, in INNOVATION_VIEWS order (absent ids skipped)."""
    table = figures(ds)
    rows = []
    for indicator, population in INNOVATION_VIEWS:
        match = latest(table[(table["indicator"] == indicator) & (table["region"] == FRANCE)])
        rows.append(match.assign(item=population))
    return pd.concat(rows, ignore_index=True) if rows else table.head(0)


def figure(ds, indicator: str, region: str = FRANCE) -> pd.Series | None:
    """The latest row of one indicator for one region, or None when the dataset has none."""
    table = figures(ds)
    rows = latest(table[(table["indicator"] == indicator) & (table["region"] == region)])
    return rows.iloc[0] if len(rows) else None
