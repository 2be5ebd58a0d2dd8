"""Fiche région: one A4 page on a region beside France, as PDF (fpdf2, offline).

Text is set in DejaVu Sans, committed under odd17/fonts/ (a subset, with its
licence): fpdf2's core PDF fonts are Latin-1 only, without the narrow no-break
space that odd17.formats puts in '342 144', nor '€', '’' or '…'. Replacing
those characters would print other figures than the app shows; a bundled font
prints the very same strings, and needs no system library.

The page must stay one page: lists are cut ("… et N autres") by the first
budget with which everything fits, tried from the most generous.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from odd17 import case_studies, context, indicators, reports
from odd17.charts import SELECTED_RGB
from odd17.exports import group_citations
from odd17.formats import MISSING, is_missing
from odd17.regions import FRANCE, names

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
UNKNOWN_GLYPH = "\ufffd"  # shown for a character the font lacks, rather than nothing
# A line never starts with ':', '»', '%'... nor ends with '«' or 'p.' (before a page number).
NO_BREAK = (
    (re.compile(r" ([:;?!»%€])"), "\u00a0\\1"),
    (re.compile(r"« "), "«\u00a0"),
    (re.compile(r"\bp\. (?=\d)"), "p.\u00a0"),
)
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
# Page geometry, in millimetres (A4 is 210 × 297).
MARGIN = 14
PAGE_WIDTH = 210
BOTTOM_MARGIN = 16  # the footer sits in it
FOOTER_Y = 297 - 13
MAP_BOX = (142, 11, 54, 58)  # x, y, width, height
FULL_WIDTH = PAGE_WIDTH - 2 * MARGIN
TOP_TEXT_WIDTH = MAP_BOX[0] - MARGIN - 5
FIGURE_COLUMNS = ("Indicateur", "Région", "France", "Année", "Base")
FIGURE_WIDTHS = (70, 21, 24, 22, 45)
NATIONAL_COLUMNS = ("Repère", "France", "Année", "Base")
NATIONAL_WIDTHS = (91, 24, 22, 45)
TABLE_FONT_SIZE = 8
TEXT_SIZE = 9
REPORT_CHARS = 400  # a report line carries its link written out: never cut it
REPORTS_LEAD = "Rapport régional publié (les chiffres complets de la région y sont) :"
REPORTS_NONE = "Rapport régional publié : aucun n'est référencé pour cette région dans le jeu de données."
NOTE_SIZE = 7.5
# Colours (RGB): grey regions, the chosen one as on the app's map, dark text.
TEXT_RGB = (26, 26, 26)
MUTED_RGB = (85, 85, 85)  # 7.4:1 on white
RULE_RGB = (31, 78, 121)  # the app's bar colour
LAND_RGB = (222, 222, 222)
BORDER_RGB = (255, 255, 255)
FRAME_RGB = (150, 150, 150)
HEADER_FILL_RGB = (232, 238, 245)
ZEBRA_RGB = (246, 246, 246)
INSET_PAD = 0.8
BAR_GAP = 4  # the sample base is indented behind a coloured bar
VALUE_CELL = FontFace(emphasis="BOLD")  # the region's own figure stands out...
MISSING_CELL = FontFace(color=MUTED_RGB)  # ...and 'non publié' does not


@dataclass(frozen=True)
class Budget:
    """How much of each list goes on the page, and how long one text may be."""

    figures: int
    national: int
    examples: int
    innovations: int
    sources: int
    chars: int


BUDGETS = (
    Budget(figures=24, national=8, examples=10, innovations=5, sources=10, chars=200),
    Budget(figures=14, national=6, examples=6, innovations=3, sources=6, chars=120),
    Budget(figures=8, national=3, examples=4, innovations=2, sources=4, chars=80),
    Budget(figures=5, national=0, examples=2, innovations=1, sources=2, chars=60),
)


@dataclass(frozen=True)
class Figure:
    label: str
    region: str
    france: str
    year: str
    base: str


@dataclass(frozen=True)
class Brief:
    """Everything the page says, as text, read from the dataset."""

    code: str
    name: str
    dataset_title: str
    base_label: str
    base: str
    base_france: str
    figures: list[Figure]
    national: list[Figure]
    population: str
    reports: list[str]
    examples: list[str]
    innovations: list[str]
    sources: list[str]
    created: str
    licence: str


def fr_date(day: date) -> str:
    """'27 novembre 2026', '1er mai 2022'."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def created_date(package: dict) -> str:
    """The package's 'created' (ISO 8601) in French, or an explicit 'non précisée'."""
    try:
        return fr_date(datetime.fromisoformat(str(package.get("created", "")).replace("Z", "+00:00")).date())
    except ValueError:
        return "date non précisée"


def text_of(value: object, missing: str = "") -> str:
    return missing if is_missing(value) else str(value)


def france_cell(row) -> str:
    """France's value, with its year when it differs from the region's."""
    shown = text_of(row.get("france_display"), MISSING)
    year = text_of(row.get("france_year_display"))
    if shown != MISSING and year and year != row["year_display"]:
        return f"{shown} ({year})"
    return shown


def innovation_name(cases, innovation: str) -> str:
    """'silvergeek' → 'Silver Geek': the case study of that name, else the id capitalised."""
    key = case_studies.normalize(innovation).replace(" ", "").replace("-", "")
    for title in cases["title"]:
        if case_studies.normalize(title).replace(" ", "").replace("-", "") == key:
            return str(title)
    return innovation.replace("-", " ").capitalize()


def report_line(row) -> str:
    """'Title — publisher, date : url' (the link written out: the brief is printed)."""
    where = f" : {row['url']}" if row["url"] else ""
    return f"{row['title']} — {row['publisher']}, {row['date_display']}{where}"


def collect(ds, code: str) -> Brief:
    """Read the brief of one region from the dataset."""
    region_names = names(ds.regions)
    if code == FRANCE or code not in region_names:
        raise ValueError(f"pas de fiche pour le code de région {code!r}")
    profile = indicators.region_profile(ds, code)
    rows = profile[profile["indicator"] == indicators.SAMPLE_BASE]  # as indicators.sample_base, without a second profile
    base = rows.iloc[0] if len(rows) else None
    table = indicators.figures(ds)
    france_base = indicators.latest(table[(table["region"] == FRANCE) & (table["indicator"] == indicators.SAMPLE_BASE)])
    headlines = indicators.headline_figures(ds)
    catalogue = ds.indicators[ds.indicators["id"] == indicators.SAMPLE_BASE]
    arrivals = indicators.diffusion(ds, code).sort_values("year", kind="stable")
    examples = case_studies.in_region(ds.case_studies, code)
    population = context.population(ds, code)
    region_reports = reports.for_region(ds, code)
    figures = [
        Figure(str(r["label"]), str(r["display"]), france_cell(r), str(r["year_display"]), text_of(r["base"]))
        for _, r in profile.iterrows()
    ]
    national = [Figure(str(r["label"]), "", str(r["display"]), str(r["year_display"]), text_of(r["base"])) for _, r in headlines.iterrows()]
    innovations = [
        f"{innovation_name(ds.case_studies, r['innovation'])} : saison {text_of(r.get('period'), text_of(r['year']))} — {r['label']}"
        for _, r in arrivals.iterrows()
    ]
    example_lines = [f"{r['title']} — {r['key_figure']}" if text_of(r["key_figure"]) else str(r["title"]) for _, r in examples.iterrows()]
    citations = [
        *profile["citation"],
        *france_base["citation"],
        *arrivals["citation"],
        *(indicators.citation_of(ds, s) for s in examples["source"]),
        *headlines["citation"],
        *([] if population is None else [population["citation"]]),
        *(indicators.citation_of(ds, s) for s in region_reports["source"]),
    ]
    licences = [str(x.get("title") or x.get("name")) for x in ds.package.get("licenses") or [] if isinstance(x, dict)]
    return Brief(
        code=code,
        name=region_names[code],
        dataset_title=str(ds.package.get("title") or ""),
        base_label=str(catalogue["label"].iloc[0]) if len(catalogue) else "Base de l'enquête",
        base=MISSING if base is None else str(base["display"]),
        base_france=text_of(france_base["display"].iloc[0], MISSING) if len(france_base) else MISSING,
        figures=figures,
        national=national,
        population=context.population_line(population),
        reports=[report_line(r) for _, r in region_reports.iterrows()],
        examples=example_lines,
        innovations=innovations,
        sources=group_citations([text_of(c) for c in citations]),
        created=created_date(ds.package),
        licence=", ".join(licences) or "non précisée",
    )


@cache
def font_characters() -> frozenset[int]:
    """Code points the bundled regular and bold fonts both draw."""
    maps = [set(TTFont(FONT_DIR / f, lazy=True).getBestCmap()) for f in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def printable(text: str, limit: int | None = None) -> str:
    """Text the font can draw, with French no-break spaces; long text cut."""
    drawable = font_characters()
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        c if c == "\n" or ord(c) in drawable else UNKNOWN_GLYPH for c in text if c == "\n" or unicodedata.category(c) not in {"Cc", "Cf"}
    )
    text = text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"
    for pattern, replacement in NO_BREAK:
        text = pattern.sub(replacement, text)
    return text


def cut(items: list[str], limit: int) -> list[str]:
    """At most `limit` lines, the last one saying how many were left out."""
    if len(items) <= limit:
        return items
    kept = items[: max(limit - 1, 0)]
    return [*kept, f"… et {len(items) - len(kept)} autres"]


class Page(FPDF):
    """An A4 page with the bundled font and a few text helpers."""

    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(FONT_DIR / file))
        self.set_margins(MARGIN, 11, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM_MARGIN)
        self.set_text_color(*TEXT_RGB)
        self.set_lang("fr")

    def write_line(self, text: str, size: float, style: str = "", width: float = 0, height: float | None = None, rgb=TEXT_RGB) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*rgb)
        self.multi_cell(width, height or size * 0.45, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT_RGB)

    def heading(self, text: str, width: float = FULL_WIDTH) -> None:
        self.ln(2.2)
        self.write_line(text, 11, "B", width=width, rgb=RULE_RGB)
        y = self.get_y() + 0.4
        self.set_draw_color(*RULE_RGB)
        self.set_line_width(0.3)
        self.line(MARGIN, y, MARGIN + width, y)
        self.ln(1.6)

    def bullets(self, lines: list[str], empty: str, chars: int, width: float = FULL_WIDTH, size: float = TEXT_SIZE) -> None:
        if not lines:
            self.write_line(empty, size, width=width, rgb=MUTED_RGB)
        for line in lines:
            self.write_line(f"• {printable(line, chars)}", size, width=width, height=size * 0.46)


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web-Mercator x, y (y grows northwards), as the app's map and the insets use."""
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def polygons(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of projected rings."""
    kind, coords = (geometry or {}).get("type"), (geometry or {}).get("coordinates") or []
    shapes = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [[[mercator(float(p[0]), float(p[1])) for p in ring] for ring in shape] for shape in shapes]


def extent(rings: list[list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def draw_map(pdf: Page, geojson: dict, code: str) -> float:
    """All regions in grey, the chosen one in colour, overseas insets framed; returns its bottom."""
    features = [(str((f.get("properties") or {}).get("code")), f) for f in geojson.get("features", [])]
    shapes = {c: polygons(f.get("geometry")) for c, f in features}
    outer = [ring for polys in shapes.values() for poly in polys for ring in poly[:1]]
    if not outer:
        return MAP_BOX[1]
    x0, y0, x1, y1 = extent(outer)
    left, top, width, height = MAP_BOX
    scale = min(width / (x1 - x0), height / (y1 - y0))
    dx, dy = left + (width - (x1 - x0) * scale) / 2, top + (height - (y1 - y0) * scale) / 2

    def page_xy(ring):
        return [(dx + (x - x0) * scale, dy + (y1 - y) * scale) for x, y in ring]

    pdf.set_line_width(0.15)
    pdf.set_draw_color(*BORDER_RGB)
    overseas = [c for c, f in features if (f.get("properties") or {}).get("overseas")]
    draw_inset_frames(pdf, [extent([r for p in shapes[c] for r in p[:1]]) for c in overseas if shapes[c]], page_xy)
    ordered = [c for c in shapes if c != code] + ([code] if code in shapes else [])
    for region in ordered:
        pdf.set_fill_color(*(SELECTED_RGB if region == code else LAND_RGB))
        for poly in shapes[region]:
            pdf.polygon(page_xy(poly[0]), style="DF")
        pdf.set_fill_color(*LAND_RGB)  # holes are other regions' land (the Enclave des Papes)
        for poly in shapes[region]:
            for hole in poly[1:]:
                pdf.polygon(page_xy(hole), style="DF")
    return dy + (y1 - y0) * scale


def draw_inset_frames(pdf: Page, boxes: list[tuple[float, float, float, float]], page_xy) -> None:
    """One frame per overseas inset, all as wide as the inset column."""
    if not boxes:
        return
    pdf.set_draw_color(*FRAME_RGB)
    low, high = min(b[0] for b in boxes), max(b[2] for b in boxes)
    for _, y0, _, y1 in boxes:
        (ax, ay), (bx, by) = page_xy([(low, y1), (high, y0)])
        pdf.rect(ax - INSET_PAD, ay - INSET_PAD, bx - ax + 2 * INSET_PAD, by - ay + 2 * INSET_PAD)
    pdf.set_draw_color(*BORDER_RGB)


def draw_header(pdf: Page, brief: Brief) -> None:
    pdf.set_xy(MARGIN, 11)
    pdf.write_line(f"Fiche région : {brief.name}", 17, "B", width=TOP_TEXT_WIDTH, height=8)
    pdf.ln(0.5)
    pdf.write_line(brief.dataset_title, 8.5, width=TOP_TEXT_WIDTH, rgb=MUTED_RGB)
    pdf.ln(3)
    draw_base(pdf, brief)


def draw_base(pdf: Page, brief: Brief) -> None:
    """The sample base of the region beside France's, marked by a bar on its left."""
    top, width = pdf.get_y(), TOP_TEXT_WIDTH - BAR_GAP
    pdf.set_left_margin(MARGIN + BAR_GAP)
    pdf.set_x(MARGIN + BAR_GAP)
    pdf.write_line(brief.base_label, 8.5, "B", width=width)
    pdf.write_line(f"{brief.name} : {brief.base}", 13, "B", width=width, height=6.5)
    pdf.write_line(f"France : {brief.base_france}", 10, width=width, height=5)
    if brief.population:  # context beside the sample base, never divided into it
        pdf.write_line(brief.population, 7.5, width=width, height=3.6, rgb=MUTED_RGB)
    pdf.set_left_margin(MARGIN)
    pdf.set_fill_color(*RULE_RGB)
    pdf.rect(MARGIN, top, 1.2, pdf.get_y() - top, style="F")
    pdf.set_x(MARGIN)
    pdf.ln(1)


def draw_table(pdf: Page, headers: tuple[str, ...], widths: tuple[int, ...], rows: list[tuple[str, ...]], chars: int, value: int) -> None:
    """A table with a ruled header; column `value` holds figures (bold, or muted when missing)."""
    pdf.set_font(FONT, "", TABLE_FONT_SIZE)
    pdf.set_fill_color(255, 255, 255)  # fpdf2 fills the other rows with the current colour
    pdf.set_draw_color(*FRAME_RGB)
    pdf.set_line_width(0.1)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        text_align="LEFT",
        line_height=TABLE_FONT_SIZE * 0.44,
        padding=(0.8, 1),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", color=RULE_RGB, fill_color=HEADER_FILL_RGB),
        cell_fill_color=ZEBRA_RGB,
        cell_fill_mode="ROWS",
    ) as table:
        table.row(list(headers))
        for cells in rows:
            row = table.row()
            for index, text in enumerate(cells):
                style = (MISSING_CELL if text == MISSING else VALUE_CELL) if index == value else None
                row.cell(printable(text, chars), style=style)


def draw_figures(pdf: Page, brief: Brief, budget: Budget) -> None:
    pdf.heading("Ses chiffres à côté de ceux de la France")
    if not brief.figures:
        pdf.write_line("Aucun chiffre régional n'est publié pour cette région dans le jeu de données.", TEXT_SIZE, rgb=MUTED_RGB)
        return
    pdf.write_line(
        f"« {MISSING} » : le chiffre n'existe que sous forme de graphique dans la source, ou n'y est pas donné.", NOTE_SIZE, rgb=MUTED_RGB
    )
    pdf.ln(1)
    shown = brief.figures[: budget.figures]
    rows = [(f.label, f.region, f.france, f.year, f.base) for f in shown]
    draw_table(pdf, FIGURE_COLUMNS, FIGURE_WIDTHS, rows, budget.chars, value=1)
    if len(brief.figures) > len(shown):
        pdf.write_line(f"… et {len(brief.figures) - len(shown)} autres chiffres, sur la page « Ma région » de l'application.", NOTE_SIZE)


def draw_national(pdf: Page, brief: Brief, budget: Budget) -> None:
    """France's headline figures, for the context the region's own figures lack."""
    shown = brief.national[: budget.national]
    if not shown:
        return
    pdf.heading("Repères nationaux (France entière)")
    draw_table(pdf, NATIONAL_COLUMNS, NATIONAL_WIDTHS, [(f.label, f.france, f.year, f.base) for f in shown], budget.chars, value=1)


def draw_reports(pdf: Page, brief: Brief) -> None:
    """The published report that covers the region (where its full figures are), beside the map."""
    pdf.ln(1.5)
    if not brief.reports:
        pdf.write_line(REPORTS_NONE, NOTE_SIZE, width=TOP_TEXT_WIDTH, height=3.4, rgb=MUTED_RGB)
        return
    pdf.write_line(REPORTS_LEAD, NOTE_SIZE, "B", width=TOP_TEXT_WIDTH, height=3.4, rgb=RULE_RGB)
    for line in brief.reports:
        pdf.write_line(f"• {printable(line, REPORT_CHARS)}", NOTE_SIZE, width=TOP_TEXT_WIDTH, height=3.4)


def draw_sources(pdf: Page, brief: Brief, budget: Budget) -> None:
    pdf.heading("Sources")
    lines = cut(brief.sources, budget.sources) or ["non précisées"]
    if len(brief.sources) > budget.sources:
        lines[-1] += " : toutes sur la page « Sources et données » de l'application"
    for line in lines:
        pdf.write_line(f"• {printable(line)}", NOTE_SIZE, height=3.3, rgb=MUTED_RGB)


def draw_footer(pdf: Page, brief: Brief, generated: date) -> None:
    pdf.set_auto_page_break(False)
    pdf.set_draw_color(*FRAME_RGB)
    pdf.set_line_width(0.1)
    pdf.line(MARGIN, FOOTER_Y - 1.5, PAGE_WIDTH - MARGIN, FOOTER_Y - 1.5)
    pdf.set_xy(MARGIN, FOOTER_Y)
    text = f"Jeu de données constitué le {brief.created} · Fiche générée le {fr_date(generated)} · Licence des données : {brief.licence}"
    pdf.write_line(text, 7, rgb=MUTED_RGB, height=3.1)


def draw(brief: Brief, geojson: dict, budget: Budget, generated: date) -> Page:
    """The page, laid out with one budget (it may overflow: the caller checks)."""
    pdf = Page()
    pdf.set_title(f"Fiche région : {brief.name}")  # metadata: no font, plain spaces
    pdf.set_subject(brief.dataset_title)
    pdf.add_page()
    bottom = draw_map(pdf, geojson, brief.code)
    pdf.set_xy(MAP_BOX[0], bottom + 1.5)
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*MUTED_RGB)
    pdf.multi_cell(MAP_BOX[2], 2.8, printable(f"En couleur : {brief.name}. Outre-mer en encarts à gauche."), align="C")
    map_bottom = pdf.get_y()
    pdf.set_text_color(*TEXT_RGB)
    draw_header(pdf, brief)
    draw_reports(pdf, brief)
    pdf.heading("Les innovations arrivées dans la région", TOP_TEXT_WIDTH)
    lines = cut(brief.innovations, budget.innovations)
    pdf.bullets(lines, "Aucune innovation n'est datée dans cette région par le jeu de données.", budget.chars, TOP_TEXT_WIDTH)
    pdf.set_y(max(pdf.get_y(), map_bottom))
    draw_figures(pdf, brief, budget)
    draw_national(pdf, brief, budget)
    pdf.heading("Les exemples situés dans la région")
    pdf.bullets(cut(brief.examples, budget.examples), "Aucun exemple du jeu de données n'est situé dans cette région.", budget.chars)
    draw_sources(pdf, brief, budget)
    draw_footer(pdf, brief, generated)
    return pdf


def region_brief_pdf(ds, code: str, geojson: dict, *, generated: date | None = None) -> bytes:
    """The one-page A4 PDF brief of a region (never for 'FR')."""
    brief = collect(ds, code)
    for budget in BUDGETS:
        pdf = draw(brief, geojson, budget, generated or date.today())
        if pdf.pages_count == 1:
            break
    return bytes(pdf.output())
