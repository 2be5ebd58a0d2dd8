"""The workshop (projection) story: the slides, built from the same data.

Pure: a slide is a title plus the rows it shows, the charts drawn from them
(named odd17.charts builders and their arguments, built and cached by the page),
plain sentences for what is missing and a short source line; the page renders them.

Every region gets a story: where the carnet publishes nothing for it, the map
slide says so once, and the next slides carry France's figures and national
programmes, named as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from odd17 import case_studies, indicators, timeline
from odd17.formats import MISSING, is_missing
from odd17.regions import FRANCE, for_region, in_region, names, to_region, with_article

SLIDE_PARAM = "diapo"
EXAMPLES_PER_SLIDE = 3
REGION_ROWS_PER_SLIDE = 6  # what fits at 1920×1080 in projection type
PAIRS_PER_SLIDE = 4  # a region's bar beside France's, per figure
SIDE_FIGURES = 4  # region-only figures that fit beside the bars
MILESTONES_PER_SLIDE = 5  # at TIMELINE_FONT, wrapped at WRAP_AT: about 500 px of chart
MILESTONE_KINDS = ("institution", "programme", "droit")  # the deck's frieze; every kind is on « Les trois ères »
FONT = 30  # chart type on the projected slides, px (the pages use 14)
TIMELINE_FONT = 34  # the frieze and France's reference bars have room for larger type
WRAP_AT = 44  # characters per line of a milestone's label: fits the chart's width down to 1280-px screens
# Chart widths on the 1920-px slide (smaller screens scale the whole slide down, see chrome.PROJECTION_CSS):
FULL_WIDTH, WIDE_WIDTH, NARROW_WIDTH = 1760, 1000, 660  # the content's width, 3/5 of it, 2/5 of it
# "…, p. 17" or "…, p. 19-20" at the end of a carnet section: the page is what a room needs.
PAGE_AT_END = re.compile(r"p\.\s?\d+(?:\s?[-–]\s?\d+)?\s*$")
MAX_LOCATOR = 60
NO_REGION = (
    "Aucune région n'est choisie : ajoutez region=<code INSEE> au lien de l'atelier "
    "(par exemple region=52 pour les Pays de la Loire) pour la comparer à la France."
)


@dataclass(frozen=True)
class Chart:
    """A chart of a slide: `odd17.charts.<builder>(*args)`, built (and cached) by the page, under `heading`."""

    builder: str
    args: tuple = ()
    heading: str = ""
    width: int = 0  # px on a 1920-px slide, passed last to the builder by the page; 0: the container's


@dataclass(frozen=True)
class Slide:
    """One slide: `rows` to show (and `charts` drawn from them), or `message` saying plainly why there are none."""

    kind: str
    title: str
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    message: str = ""  # shown instead of rows (nothing to show), or above them
    note: str = ""  # shown under the rows (what is left out or not published)
    source: str = ""  # short source line of what the slide shows
    charts: tuple[Chart, ...] = ()
    highlight: str = ""  # the map slide: the region code drawn in orange ("" for none)


def plural(count: int, singular: str, several: str) -> str:
    return f"{count} {singular if count == 1 else several}"


def locator(source: pd.Series, short: bool) -> str:
    """Where in the work: the carnet's page, else the section (never a URL: a room cannot click it)."""
    section = "" if is_missing(source.get("section")) else str(source["section"])
    page = PAGE_AT_END.search(section)
    if page:
        return page.group(0).strip()
    if short:
        return section if len(section) <= MAX_LOCATOR else section[: MAX_LOCATOR - 1] + "…"
    return section


def page_order(place: str) -> tuple[int, int, str]:
    """Pages by number first (p. 4-5 before p. 17), then the other places as they come."""
    first = re.search(r"\d+", place)
    return (0, int(first.group(0)), place) if PAGE_AT_END.fullmatch(place) and first else (1, 0, "")


def work(source: pd.Series, short: bool) -> str:
    """'Publisher, « title », 20 mai 2022': the title's parenthesis and the day dropped when short."""
    title = str(source["title"])
    date = "" if is_missing(source.get("date")) else str(source["date"])
    if short:
        title, date = title.split(" (")[0], date[:4]
    return ", ".join(p for p in (str(source["publisher"]), f"« {title} »", indicators.french_date(date)) if p)


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
    """The source ids of some rows (a cell may hold several, ';'-separated)."""
    return [i for s in rows["source"].dropna() for i in str(s).split(";") if i] if "source" in rows else []


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


def years_span(rows: pd.DataFrame) -> str:
    first, last = int(rows["start"].min().year), int(rows["start"].max().year)
    return f"en {first}" if first == last else f"de {first} à {last}"


def milestone_slides(ds) -> list[Slide]:
    """The frieze of the deck: institutions, programmes and law, dated by the carnet, a few per slide."""
    marks = indicators.with_sources(timeline.milestones(ds.timeline, MILESTONE_KINDS), ds.sources)
    kinds = tuple(timeline.KIND_LABELS[k] for k in MILESTONE_KINDS)  # one colour per kind across the slides
    slides = []
    for rows in chunks(marks, MILESTONES_PER_SLIDE):
        alt_text = timeline.alt_text(rows)
        chart = Chart("milestone_chart", (rows, "", alt_text, TIMELINE_FONT, WRAP_AT, kinds), width=FULL_WIDTH)
        slides.append(Slide("timeline", f"Des jalons, {years_span(rows)}", rows, source=source_line(rows, ds.sources), charts=(chart,)))
    note = f"Les {len(ds.timeline)} jalons datés par le carnet : page « Les trois ères »."
    return [*slides[:-1], replace(slides[-1], note=note)] if slides else []


def carre_slide(ds) -> Slide:
    rows = indicators.concepts(ds, "category")
    return Slide("square", "Quatre formes de partenariat", rows, source=source_line(rows, ds.sources))


def companies_slide(ds) -> Slide:
    """The companies that partner, 2015 → 2021, and the scale of their alliances."""
    trend = indicators.labelled(indicators.family(ds, "pratiques_entreprises"))
    scale = indicators.labelled(indicators.family(ds, "echelle_entreprises")).assign(item=lambda f: f["short_label"])
    trend_title = "Entreprises de plus de 10 salariés ayant des pratiques partenariales"
    scale_title = "Échelle de leurs alliances (plusieurs réponses possibles)"
    charts = (
        Chart("evolution_chart", (trend, "", indicators.bars_alt(trend, trend_title), FONT, 460), trend_title, NARROW_WIDTH),
        Chart("bar_chart", (scale, "", indicators.bars_alt(scale, scale_title), True, FONT), scale_title, WIDE_WIDTH),
    )
    rows = pd.concat([trend, scale], ignore_index=True)
    return Slide(
        "companies",
        "Les entreprises s'allient de plus en plus, d'abord près de chez elles",
        rows,
        source=source_line(rows, ds.sources),
        charts=charts,
    )


def unpublished_note(missing: pd.DataFrame, name: str, code: str = "") -> str:
    """Names the region's figures that have no published value, and says why."""
    if missing.empty:
        return ""
    labels = list(dict.fromkeys(missing["short_label"]))
    why = "chiffre donné" if len(labels) == 1 else "chiffres donnés"
    place = for_region(code, name) if code else f"pour {name}"
    return f"{MISSING.capitalize()} {place} : {' ; '.join(labels)} ({why} seulement en graphique dans le carnet, ou pas du tout)."


def chunks(rows: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Rows cut into balanced slides of at most `size` (8 rows: 4 + 4, not 6 + 2)."""
    if rows.empty:
        return []
    count = -(-len(rows) // size)
    per_slide = -(-len(rows) // count)
    return [rows.iloc[i : i + per_slide].reset_index(drop=True) for i in range(0, len(rows), per_slide)]


def region_figures(ds, code: str) -> pd.DataFrame:
    """The region's published figures, the survey's sample base aside (it is context, on the map slide)."""
    shown = indicators.published(indicators.region_profile(ds, code))
    return shown[shown["indicator"] != indicators.SAMPLE_BASE].reset_index(drop=True)


def is_pair(rows: pd.DataFrame) -> pd.Series:
    """Figures drawn as bars beside France's: both published, in percent."""
    return rows["france_value"].notna() & (rows["unit"] == "%")


def map_facts(ds, code: str) -> pd.DataFrame:
    """What the map slide says beside the map: sample base, Silver Geek's arrival, examples located."""
    name = names(ds.regions)[code]
    facts = []
    base = indicators.sample_base(ds, code)
    if base is not None and not is_missing(base["value"]):
        facts.append(
            {
                "label": "Personnes que représente l'enquête auprès des Français",
                "display": base["display"],
                "detail": f"France : {base['france_display']}",
                "source": base["source"],
            }
        )
    for _, row in indicators.diffusion(ds, code).iterrows():
        facts.append(
            {
                "label": f"{row['innovation'].title().replace('Silvergeek', 'Silver Geek')} arrive {in_region(code, name)}",
                "display": str(row["period"]),
                "detail": str(row["label"]),
                "source": row["source"],
            }
        )
    located = case_studies.in_region(ds.case_studies, code)
    if len(located):
        facts.append(
            {
                "label": f"Exemples du carnet situés {in_region(code, name)}",
                "display": str(len(located)),
                "detail": "",
                "source": ";".join(located["source"]),
            }
        )
    return pd.DataFrame(facts, columns=["label", "display", "detail", "source"])


def capitalized(text: str) -> str:
    """First letter up, the rest as written (str.capitalize would lower « Corse »)."""
    return text[:1].upper() + text[1:]


def missing_message(ds, code: str) -> str:
    """Said once, on the map slide, when the carnet publishes no figure (and perhaps no example) for the region."""
    name = names(ds.regions)[code]
    no_figures = region_figures(ds, code).empty
    no_examples = case_studies.in_region(ds.case_studies, code).empty
    besides = "hormis la population que représente son échantillon d'enquête, " if indicators.sample_base(ds, code) is not None else ""
    if no_figures and no_examples:
        return capitalized(
            f"{besides}le carnet ne publie aucun chiffre propre {to_region(code, name)} et ne situe aucun de ses exemples "
            f"{in_region(code, name)} : voici les repères de la France et des programmes nationaux."
        )
    if no_figures:
        return capitalized(f"{besides}le carnet ne publie pas de chiffre propre {to_region(code, name)} : voici les repères de la France.")
    return ""


def map_slide(ds, code: str) -> Slide:
    """The room's region on the map of France, with what the carnet says of it; or how to choose one."""
    if code == FRANCE:
        return Slide("map", "Votre région", message=NO_REGION)
    name = names(ds.regions)[code]
    facts = map_facts(ds, code)
    message = missing_message(ds, code)
    return Slide(
        "map", f"Zoom sur {with_article(code, name)}", facts, message=message, source=source_line(facts, ds.sources), highlight=code
    )


def national_slide(ds, code: str) -> Slide:
    """France's figures where the carnet gives them region by region: the reference of a region without its own."""
    table = indicators.figures(ds)
    regional = set(table.loc[(table["region"] != FRANCE) & table["value"].notna(), "indicator"])
    france = indicators.latest(table[(table["region"] == FRANCE) & table["indicator"].isin(regional) & table["value"].notna()])
    rows = france[france["unit"] == "%"].reset_index(drop=True)
    rows = rows.assign(item=rows["short_label"] + rows["year_display"].map(lambda y: f" ({y})" if str(y).isdigit() else ""))
    title = "Les repères de la France"
    chart = Chart("bar_chart", (rows, "", indicators.bars_alt(rows, title), True, TIMELINE_FONT), width=FULL_WIDTH)
    name = names(ds.regions)[code]
    note = "" if code == FRANCE else unpublished_note(indicators.unpublished(indicators.region_profile(ds, code)), name, code)
    return Slide("national", title, rows, note=note, source=source_line(rows, ds.sources), charts=(chart,))


def region_slides(ds, code: str) -> list[Slide]:
    """The region's published figures beside France's (bars where both exist), over as many slides
    as they need; France's figures as the reference when the region has none of its own."""
    if code == FRANCE:
        return [national_slide(ds, code)]
    shown = region_figures(ds, code)
    if shown.empty:
        return [national_slide(ds, code)]
    name = names(ds.regions)[code]
    title = f"{capitalized(with_article(code, name))} et la France"
    pairs, singles = shown[is_pair(shown)], shown[~is_pair(shown)]
    pair_parts = chunks(pairs, PAIRS_PER_SLIDE)
    side = len(singles) <= SIDE_FIGURES and bool(pair_parts)
    parts = [(rows, pd.DataFrame()) for rows in pair_parts]
    if side:
        parts[-1] = (pair_parts[-1], singles.reset_index(drop=True))
    else:
        parts += [(pd.DataFrame(), rows) for rows in chunks(singles, REGION_ROWS_PER_SLIDE)]
    missing = unpublished_note(indicators.unpublished(indicators.region_profile(ds, code)), name, code)
    slides = []
    for index, (bars, others) in enumerate(parts, start=1):
        rows = pd.concat([bars, others], ignore_index=True)
        charts = ()
        if not bars.empty:
            bars = bars.assign(item=bars["short_label"])
            charts = (
                Chart(
                    "comparison_chart",
                    (
                        bars,
                        name,
                        "",
                        f"{name} et la France : "
                        + " ; ".join(
                            f"{i} : {d} contre {f}" for i, d, f in zip(bars["item"], bars["display"], bars["france_display"], strict=True)
                        ),
                        FONT,
                    ),
                    width=WIDE_WIDTH,
                ),
            )
        slides.append(
            Slide(
                "region",
                title if len(parts) == 1 else f"{title} ({index}/{len(parts)})",
                rows.assign(chart=rows["indicator"].isin(bars["indicator"]) if not bars.empty else False),
                note=" ".join(p for p in (years_note(bars, code, name), missing if index == len(parts) else "") if p),
                source=source_line(rows, ds.sources),
                charts=charts,
            )
        )
    return slides


def years_note(bars: pd.DataFrame, code: str, name: str) -> str:
    """The years behind the bars, when the region's and France's differ."""
    if bars.empty:
        return ""
    mine = sorted(set(bars["year_display"]))
    france = sorted(set(bars["france_year_display"]) - {""})
    if mine == france:
        return f"Années : {', '.join(mine)}."
    return f"Années : {', '.join(mine)} {for_region(code, name)}, {', '.join(france) or 'non précisée'} pour la France."


def national_examples(ds) -> pd.DataFrame:
    """Examples the carnet places at national level (France): those with a key figure first."""
    national = ds.case_studies[ds.case_studies["regions"].map(lambda r: FRANCE in str(r).split(";"))]
    has_figure = national["key_figure"].map(lambda k: not is_missing(k) and bool(str(k).strip()))
    return pd.concat([national[has_figure], national[~has_figure]]).reset_index(drop=True)


def examples_slide(ds, code: str, said: bool = False) -> Slide:
    """The region's examples, completed by national programmes labelled as national.

    `said`: the map slide already said the carnet places no example in the region.
    """
    name = names(ds.regions)[code]
    found = case_studies.in_region(ds.case_studies, code) if code != FRANCE else national_examples(ds).head(0)
    mine = found.head(EXAMPLES_PER_SLIDE)
    national = national_examples(ds)
    filler = national[~national["id"].isin(found["id"])].head(EXAMPLES_PER_SLIDE - len(mine))
    here = f"Programme national, présent {in_region(code, name)}"
    rows = pd.concat(
        [mine.assign(scope=mine["level"].eq("national").map({True: here, False: ""})), filler.assign(scope="Programme national")],
        ignore_index=True,
    )
    left_out = len(found) - len(mine)
    notes = [
        f"Et {plural(left_out, 'autre exemple', 'autres exemples')} {in_region(code, name)}." if left_out > 0 else "",
        "Tous les exemples : page « Exemples inspirants ».",
    ]
    if found.empty:
        message = (
            ""
            if said or code == FRANCE
            else f"Le carnet ne situe aucun de ses exemples {in_region(code, name)} : voici des programmes nationaux."
        )
        return Slide("examples", "Des programmes nationaux", rows, message=message, note=notes[1], source=source_line(rows, ds.sources))
    return Slide(
        "examples",
        f"Des exemples {in_region(code, name)}",
        rows,
        note=" ".join(n for n in notes if n),
        source=source_line(rows, ds.sources),
    )


def sources_slide(ds, shown: list[Slide]) -> Slide:
    """The sources of every figure and example shown on the other slides, one line per work (no URL)."""
    ids = [s for slide in shown for s in source_ids(slide.rows)]
    groups = grouped_sources(ids, ds.sources, short=False)
    rows = pd.DataFrame({"work": list(groups), "places": [tuple(p) for p in groups.values()]})
    note = "Les adresses de chaque source : page « Sources et données »."
    return Slide("sources", "Sources", rows, note=note)


def slides(ds, code: str) -> list[Slide]:
    """The story, in order, for one region (FR for none)."""
    opening = map_slide(ds, code)
    said = "exemple" in opening.message
    story = [
        headline_slide(ds),
        eras_slide(ds),
        *milestone_slides(ds),
        carre_slide(ds),
        companies_slide(ds),
        opening,
        *region_slides(ds, code),
        examples_slide(ds, code, said),
    ]
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
