"""Regards croisés: the survey results by population, each with question, base and year."""

import streamlit as st

from odd17 import indicators
from odd17.formats import escape_markdown as md
from odd17.ui import cache, data, render

ds = data.dataset()
st.title("Regards croisés")
st.markdown(
    "Ce que répondent les Français, les élus locaux, les associations et les entreprises. Chaque chiffre garde sa question, sa base et son année."
)

for tab, population in zip(st.tabs(list(indicators.POPULATIONS)), indicators.POPULATIONS, strict=True):
    with tab:
        rows = indicators.population_figures(ds, population)
        shown = indicators.published(rows)
        percent = indicators.labelled(shown[shown["unit"] == "%"])
        title = f"{population} : résultats publiés (en %)"
        alt_text = indicators.bars_alt(percent, title)
        chart = cache.chart("bar_chart", percent, title, alt_text)
        render.chart_block(chart, percent, f"regards-{population.lower().replace(' ', '-')}", title, alt_text)
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
