"""The workshop (projection) story: the slides, built from the same data.

Pure: a slide is a title plus the rows it shows, with plain sentences for what
is missing and a short source line; the page renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from odd17 import case_studies, indicators, timeline
from odd17.formats import MISSING, is_missing
from odd17.regions import FRANCE, names

SLIDE_PARAM = "diapo"
EXAMPLES_PER_SLIDE = 3
REGION_ROWS_PER_SLIDE = 6  # what fits at 1920×1080 in projection type
# "…, p. 17" or "…, p. 19-20" at the end of a carnet section: the page is what a room needs.
PAGE_AT_END = re.compile(r"p\.\s?\d+(?:\s?[-–]\s?\d+)?\s*$")
MAX_LOCATOR = 60
NO_REGION = (
    "Aucune région n'est choisie : ajoutez region=<code INSEE> au lien de l'atelier "
    "(par exemple region=52 pour les Pays de la Loire) pour la comparer à la France."
)


@dataclass(frozen=True)
class Slide:
    """One slide: `rows` to show, or `message` saying plainly why there are none."""

    kind: str
    title: str
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    message: str = ""  # shown instead of rows (nothing to show)
    note: str = ""  # shown under the rows (what is left out or not published)
    source: str = ""  # short source line of what the slide shows


def plural(count: int, singular: str, several: str) -> str:
    return f"{count} {singular if count == 1 else several}"


def locator(source: pd.Series, short: bool) -> str:
    """Where in the work: the carnet's page, else the section; the URL only in full."""
    section = "" if is_missing(source.get("section")) else str(source["section"])
    page = PAGE_AT_END.search(section)
    if page:
        return page.group(0).strip()
    if short:
        return section if len(section) <= MAX_LOCATOR else section[: MAX_LOCATOR - 1] + "…"
    url = "" if is_missing(source.get("url")) else str(source["url"])
    return ", ".join(p for p in (section, url) if p)


def page_order(place: str) -> tuple[int, int, str]:
    """Pages by number first (p. 4-5 before p. 17), then the other places as they come."""
    first = re.search(r"\d+", place)
    return (0, int(first.group(0)), place) if PAGE_AT_END.fullmatch(place) and first else (1, 0, "")


def work(source: pd.Series, short: bool) -> str:
    """'Publisher, « title », date': the title's parenthesis and the day dropped when short."""
    title = str(source["title"])
    date = "" if is_missing(source.get("date")) else str(source["date"])
    if short:
        title, date = title.split(" (")[0], date[:4]
    return ", ".join(p for p in (str(source["publisher"]), f"« {title} »", date) if p)


def grouped_sources(ids: list[str], sources: pd.DataFrame, short: bool) -> dict[str, list[str]]:
    """Work → its locators, in the order the ids come (one work cited once)."""
    table = sources.set_index("id")
    groups: dict[str, list[str]] = {}
    for source_id in dict.fromkeys(ids):
        if source_id not in table.index:
            continue
        row = table.loc[source_id]
        places = groups.setdefault(work(row, short), [])
        place = locator(row, short)
        if place and place not in places:
            places.append(place)
    return {name: sorted(places, key=page_order) for name, places in groups.items()}


def source_ids(rows: pd.DataFrame) -> list[str]:
    return [str(s) for s in rows["source"].dropna()] if "source" in rows else []


def source_line(rows: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The slide's sources, short enough to read: 'Publisher, « title », year, p. 17, p. 18'."""
    groups = grouped_sources(source_ids(rows), sources, short=True)
    return " ; ".join(", ".join([name, *places]) for name, places in groups.items())


def headline_slide(ds) -> Slide:
    rows = indicators.headline_figures(ds)
    return Slide("figures", "Les chiffres clés", rows, source=source_line(rows, ds.sources))


def eras_slide(ds) -> Slide:
    eras = indicators.with_sources(timeline.eras(ds.concepts), ds.sources)
    return Slide("eras", "Trois ères… et une quatrième ?", eras, source=source_line(eras, ds.sources))


def carre_slide(ds) -> Slide:
    rows = indicators.concepts(ds, "category")
    return Slide("square", "Quatre formes de partenariat", rows, source=source_line(rows, ds.sources))


def unpublished_note(missing: pd.DataFrame, name: str) -> str:
    """Names the region's figures that have no published value, and says why."""
    if missing.empty:
        return ""
    labels = list(dict.fromkeys(missing["short_label"]))
    why = "chiffre donné" if len(labels) == 1 else "chiffres donnés"
    return f"{MISSING.capitalize()} pour {name} : {' ; '.join(labels)} ({why} seulement en graphique dans le carnet, ou pas du tout)."


def chunks(rows: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Rows cut into balanced slides of at most `size` (8 rows: 4 + 4, not 6 + 2)."""
    count = -(-len(rows) // size)
    per_slide = -(-len(rows) // count)
    return [rows.iloc[i : i + per_slide].reset_index(drop=True) for i in range(0, len(rows), per_slide)]


def region_slides(ds, code: str) -> list[Slide]:
    """The region's published figures beside France's, over as many slides as they need;
    says plainly when a region has none, and names those not published."""
    name = names(ds.regions)[code]
    title = f"{name} et la France"
    if code == FRANCE:
        return [Slide("region", "Votre région", message=NO_REGION)]
    profile = indicators.region_profile(ds, code)
    shown = indicators.published(profile)
    missing = unpublished_note(indicators.unpublished(profile), name)
    if profile.empty:
        return [Slide("region", title, message=f"Aucun chiffre régional n'est publié pour {name} dans les sources de l'application.")]
    if shown.empty:
        return [Slide("region", title, message=f"Aucun chiffre n'est publié pour {name}.", note=missing)]
    parts = chunks(shown, REGION_ROWS_PER_SLIDE)
    return [
        Slide(
            "region",
            title if len(parts) == 1 else f"{title} ({index}/{len(parts)})",
            rows,
            note=missing if index == len(parts) else "",
            source=source_line(rows, ds.sources),
        )
        for index, rows in enumerate(parts, start=1)
    ]


def examples_slide(ds, code: str) -> Slide:
    name = names(ds.regions)[code]
    title = f"Des exemples · {name}"
    found = case_studies.in_region(ds.case_studies, code)
    if found.empty:
        return Slide("examples", title, message=f"Le carnet ne situe aucun de ses exemples dans cette région ({name}).")
    rows = found.head(EXAMPLES_PER_SLIDE)
    left_out = len(found) - len(rows)
    note = f"Et {plural(left_out, 'autre exemple', 'autres exemples')} : page « Exemples inspirants »." if left_out > 0 else ""
    return Slide("examples", title, rows, note=note, source=source_line(rows, ds.sources))


def sources_slide(ds, shown: list[Slide]) -> Slide:
    """The sources of every figure and example shown on the other slides, one line per work."""
    ids = [s for slide in shown for s in source_ids(slide.rows)]
    groups = grouped_sources(ids, ds.sources, short=False)
    rows = pd.DataFrame({"work": list(groups), "places": [tuple(p) for p in groups.values()]})
    return Slide("sources", "Sources", rows)


def slides(ds, code: str) -> list[Slide]:
    """The story, in order, for one region (FR for none)."""
    story = [headline_slide(ds), eras_slide(ds), carre_slide(ds), *region_slides(ds, code), examples_slide(ds, code)]
    return [*story, sources_slide(ds, story)]


def parse_slide(raw: object, count: int) -> tuple[int, str | None]:
    """The 1-based slide number from the URL, clamped; a notice when refused."""
    if raw is None or str(raw).strip() == "":
        return 1, None
    try:
        number = int(str(raw).strip())
    except ValueError:
        return 1, "Numéro de diapositive non compris : la première est affichée."
    if number < 1:
        return 1, "Les diapositives commencent à 1 : la première est affichée."
    if number > count:
        return count, f"Il n'y a que {count} diapositives : la dernière est affichée."
    return number, None


# --- the live debate in the deck (odd17.debate; rendered by odd17.ui.slides' debate renderers) ---

DEBATE_JOIN = "debate-join"
DEBATE_QUESTION = "debate-question"
DEBATE_RESULTS = "debate-results"
NO_STUDY_FIGURE = "L'étude ne publie pas de chiffre pour cette question : la salle répond, sans comparaison."


def study_slide(ds, question, code: str) -> Slide:
    """What the study says on the question: France's figure (and the region's) as the study slides show them."""
    title = f"L'étude · {question.label}"
    if not question.indicator:
        return Slide("figures", title, message=NO_STUDY_FIGURE, note=question.note)
    if code != FRANCE:
        rows = indicators.region_profile(ds, code)
        rows = rows[rows["indicator"] == question.indicator].reset_index(drop=True)
        if not rows.empty:
            return Slide("region", title, rows, source=source_line(rows, ds.sources))
    table = indicators.figures(ds)
    rows = indicators.latest(table[(table["region"] == FRANCE) & (table["indicator"] == question.indicator)]).reset_index(drop=True)
    if rows.empty:
        return Slide("figures", title, message=NO_STUDY_FIGURE, note=question.note)
    return Slide("figures", title, rows, source=source_line(rows, ds.sources))


def debate_slides(ds, code: str, debate_code: str, questions: list) -> list[Slide]:
    """The join slide, then per question: study slide → question slide → results slide."""
    story = [Slide(DEBATE_JOIN, "Rejoignez le débat", pd.DataFrame([{"code": debate_code}]))]
    for question in questions:
        row = pd.DataFrame([{"code": debate_code, "question": question.id}])
        story += [
            study_slide(ds, question, code),
            Slide(DEBATE_QUESTION, question.label, row),
            Slide(DEBATE_RESULTS, f"Résultats · {question.label}", row),
        ]
    return story
