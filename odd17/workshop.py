"""The workshop (projection) story: the slides, built from the same data.

Pure: a slide is a title plus the rows it shows; the page renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from odd17 import case_studies, indicators, timeline
from odd17.regions import FRANCE, names

SLIDE_PARAM = "diapo"
EXAMPLES_PER_SLIDE = 3


@dataclass(frozen=True)
class Slide:
    kind: str
    title: str
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    message: str = ""


def headline_slide(ds) -> Slide:
    return Slide("figures", "Les chiffres clés", indicators.headline_figures(ds))


def eras_slide(ds) -> Slide:
    eras = indicators.with_sources(timeline.eras(ds.concepts), ds.sources)
    return Slide("eras", "Trois ères… et une quatrième ?", eras)


def carre_slide(ds) -> Slide:
    return Slide("square", "Quatre formes de partenariat", indicators.concepts(ds, "category"))


def region_slide(ds, code: str) -> Slide:
    name = names(ds.regions)[code]
    if code == FRANCE:
        return Slide(
            "region",
            "Votre région",
            message="Aucune région n'est choisie : ajoutez ?region=<code INSEE> au lien pour la comparer à la France.",
        )
    profile = indicators.published(indicators.region_profile(ds, code))
    if profile.empty:
        return Slide(
            "region", f"{name} et la France", message=f"Aucun chiffre régional n'est publié pour {name} dans les sources de l'application."
        )
    return Slide("region", f"{name} et la France", profile)


def examples_slide(ds, code: str) -> Slide:
    name = names(ds.regions)[code]
    found = case_studies.in_region(ds.case_studies, code).head(EXAMPLES_PER_SLIDE)
    if found.empty:
        return Slide("examples", f"Des exemples en {name}", message=f"Le carnet ne situe aucun exemple en {name}.")
    return Slide("examples", f"Des exemples en {name}", found)


def sources_slide(ds, shown: list[Slide]) -> Slide:
    """The sources of every figure and example shown on the other slides."""
    ids = {s for slide in shown if "source" in slide.rows for s in slide.rows["source"]}
    used = ds.sources[ds.sources["id"].isin(ids)]
    return Slide("sources", "Sources", indicators.with_sources(used.assign(source=used["id"]), ds.sources))


def slides(ds, code: str) -> list[Slide]:
    """The story, in order, for one region (FR for none)."""
    story = [headline_slide(ds), eras_slide(ds), carre_slide(ds), region_slide(ds, code), examples_slide(ds, code)]
    return [*story, sources_slide(ds, story)]


def parse_slide(raw: object, count: int) -> tuple[int, str | None]:
    """The 1-based slide number from the URL, clamped; a notice when refused."""
    if raw in (None, ""):
        return 1, None
    try:
        number = int(str(raw))
    except ValueError:
        return 1, "Numéro de diapositive non compris : retour à la première."
    if 1 <= number <= count:
        return number, None
    return (1 if number < 1 else count), f"Il n'y a que {count} diapositives."
