"""Regards croisés: the survey results by population, each with question, base and year.

Only the open population's tab is built (lazy tabs, in a fragment: switching tabs reruns
that part only), and what a tab shows is prepared once per dataset: the page's cost does
not grow with the number of figures it does not show.
"""

import streamlit as st

from odd17 import indicators
from odd17.formats import NBSP, no_break
from odd17.formats import escape_markdown as md
from odd17.ui import cache, data, record, render

DEBATES = "prog_debats_territoriaux"
VIEWS_TITLE = "Les partenariats sont source d'innovation (en %)"


@st.cache_resource(show_spinner=False, max_entries=cache.MAX_ENTRIES)
def innovation(dataset_key: str, _ds) -> dict:
    """The four populations' « source d'innovation » chart, built once per dataset."""
    views = indicators.innovation_views(_ds)
    alt_text = indicators.bars_alt(views, VIEWS_TITLE)
    debates = indicators.figure(_ds, DEBATES)
    debates_line = None
    if debates is not None:
        debates_line = (
            f"Ces résultats ont été mis en débat dans les territoires{NBSP}: {debates['display']} débats territoriaux "
            f"({md(debates['base'])}). Source{NBSP}: {md(indicators.citation_line(_ds.sources, [debates['source']]))}."
        )
    chart = cache.chart("bar_chart", views, VIEWS_TITLE, alt_text)
    return {"views": views, "alt": alt_text, "chart": chart, "debates": debates_line, "cautions": indicators.cautions(views)}


@st.cache_resource(show_spinner=False, max_entries=cache.MAX_ENTRIES)
def population_view(dataset_key: str, population: str, _ds) -> dict:
    """What one population's tab shows, prepared once per dataset: frames, chart, and its lists as one text each."""
    rows = indicators.population_figures(_ds, population)
    shown = indicators.published(rows)
    percent = indicators.labelled(shown[shown["unit"] == "%"])
    title = f"{population} : résultats publiés (en %)"
    alt_text = indicators.bars_alt(percent, title)
    questions = "\n".join(
        f"- {md(q['question'])} — *{md(q['study'])}*, base{NBSP}: {md(q['base'])}, année{NBSP}: {md(q['year_display'])}"
        for _, q in indicators.questions(rows).iterrows()
    )
    missing = "\n".join(f"- {md(r['label'])}{NBSP}: **non publié** — {md(r['note'])}" for _, r in indicators.unpublished(rows).iterrows())
    return {
        "shown": shown,
        "percent": percent,
        "title": title,
        "alt": alt_text,
        "chart": cache.chart("bar_chart", percent, title, alt_text),
        "others": shown[shown["unit"] != "%"],
        "cautions": indicators.cautions(shown),
        "questions": questions,
        "missing": missing,
    }


def population_tab(view: dict, population: str) -> None:
    render.chart_block(view["chart"], view["percent"], f"regards-{population.lower().replace(' ', '-')}", view["title"], view["alt"])
    record.show_cautions(view["cautions"])
    others = view["others"]
    for column, (_, row) in zip(st.columns(3), others.head(3).iterrows(), strict=False):
        column.metric(
            md(row["label"]), row["display"], help=f"Base{NBSP}: {md(row['base'])}. Année{NBSP}: {row['year_display']}.", border=True
        )
    render.cite(others)
    st.markdown("**Questions, bases et années**")
    if view["questions"]:
        st.markdown(view["questions"])  # one element however many questions
    if view["missing"]:
        st.info(view["missing"])


@st.fragment
def by_population() -> None:
    """One tab per population; only the open one is built (on_change="rerun" makes the tabs lazy)."""
    tabs = st.tabs(list(indicators.POPULATIONS), key="regards_population", on_change="rerun")
    for tab, population in zip(tabs, indicators.POPULATIONS, strict=True):
        if tab.open:
            with tab:
                population_tab(population_view(cache.key(ds), population, ds), population)


ds = data.dataset()
st.title("Regards croisés")
st.markdown(
    "Ce que répondent les Français, les élus locaux, les associations et les entreprises. Chaque chiffre garde sa question, sa base et son année."
)
top = innovation(cache.key(ds), ds)
if top["debates"]:
    st.caption(top["debates"])

st.subheader(no_break("« Source d'innovation » : la même question, quatre populations"))
render.chart_block(top["chart"], top["views"], "source-innovation", VIEWS_TITLE, top["alt"])
st.caption(
    no_break(
        "Pour les Français, le carnet pose la question Q7 (« accélérateur d'innovation ») ; le bilan du programme "
        "(Le RAMEAU, 26 janvier 2023) donne le même 74 % pour « source d'innovation »."
    )
)
record.show_cautions(top["cautions"])

st.subheader("Par population")
by_population()
