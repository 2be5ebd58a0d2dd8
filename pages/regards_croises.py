"""Regards croisés: the survey results by population, each with question, base and year."""

import streamlit as st

from odd17 import indicators
from odd17.formats import NBSP, no_break
from odd17.formats import escape_markdown as md
from odd17.ui import cache, data, record, render

DEBATES = "prog_debats_territoriaux"

ds = data.dataset()
st.title("Regards croisés")
st.markdown(
    "Ce que répondent les Français, les élus locaux, les associations et les entreprises. Chaque chiffre garde sa question, sa base et son année."
)
debates = indicators.figure(ds, DEBATES)
if debates is not None:
    st.caption(
        f"Ces résultats ont été mis en débat dans les territoires{NBSP}: {debates['display']} débats territoriaux "
        f"({md(debates['base'])}). Source{NBSP}: {md(indicators.citation_line(ds.sources, [debates['source']]))}."
    )

st.subheader(no_break("« Source d'innovation » : la même question, quatre populations"))
views = indicators.innovation_views(ds)
views_title = "Les partenariats sont source d'innovation (en %)"
views_alt = indicators.bars_alt(views, views_title)
render.chart_block(cache.chart("bar_chart", views, views_title, views_alt), views, "source-innovation", views_title, views_alt)
st.caption(
    no_break(
        "Pour les Français, le carnet pose la question Q7 (« accélérateur d'innovation ») ; le bilan du programme "
        "(Le RAMEAU, 26 janvier 2023) donne le même 74 % pour « source d'innovation »."
    )
)
record.cautions(views)

st.subheader("Par population")

for tab, population in zip(st.tabs(list(indicators.POPULATIONS)), indicators.POPULATIONS, strict=True):
    with tab:
        rows = indicators.population_figures(ds, population)
        shown = indicators.published(rows)
        percent = indicators.labelled(shown[shown["unit"] == "%"])
        title = f"{population} : résultats publiés (en %)"
        alt_text = indicators.bars_alt(percent, title)
        chart = cache.chart("bar_chart", percent, title, alt_text)
        render.chart_block(chart, percent, f"regards-{population.lower().replace(' ', '-')}", title, alt_text)
        record.cautions(shown)
        others = shown[shown["unit"] != "%"]
        for column, (_, row) in zip(st.columns(3), others.head(3).iterrows(), strict=False):
            column.metric(md(row["label"]), row["display"], help=f"Base : {md(row['base'])}. Année : {row['year_display']}.", border=True)
        render.cite(others)
        st.markdown("**Questions, bases et années**")
        for _, question in indicators.questions(rows).iterrows():
            st.markdown(
                f"- {md(question['question'])} — *{md(question['study'])}*, base : {md(question['base'])}, année : {md(question['year_display'])}"
            )
        missing = indicators.unpublished(rows)
        for _, row in missing.iterrows():
            st.info(f"{md(row['label'])} : **non publié** — {md(row['note'])}")
