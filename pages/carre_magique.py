"""Carré magique: the four categories, the four objectives, companies' practice."""

import streamlit as st

from odd17 import indicators
from odd17.formats import escape_markdown as md
from odd17.ui import cache, data, render


def square(group: str) -> None:
    """Four concepts as a 2×2 grid of bordered boxes, with their source."""
    rows = indicators.concepts(ds, group)
    for start in range(0, len(rows), 2):
        for column, (_, row) in zip(st.columns(2), rows.iloc[start : start + 2].iterrows(), strict=False):
            with column.container(border=True):
                st.markdown(f"**{md(row['label'])}**")
                if row["definition"]:
                    st.markdown(md(row["definition"]))
    render.cite(rows)
    st.caption(md(rows["note"].iloc[0]))


ds = data.dataset()
st.title("Carré magique et formes de partenariat")

st.subheader("Les quatre catégories de partenariat")
square("category")

st.subheader("Les quatre objectifs du « carré magique »")
st.markdown("Les quatre enjeux auxquels toute organisation publique et privée est confrontée, selon le carnet.")
square("carre_objective")

st.subheader("Les entreprises qui pratiquent le partenariat")
rate = indicators.family(ds, "pratiques_entreprises")
rate_alt = indicators.bars_alt(
    rate.assign(item=rate["year_display"]), "Taux de pratiques partenariales des entreprises de plus de 10 salariés"
)
render.chart_block(
    cache.chart("evolution_chart", rate, "Entreprises de plus de 10 salariés ayant des pratiques partenariales", rate_alt),
    rate,
    "taux-partenariat-entreprises",
    "Taux de pratiques partenariales",
    rate_alt,
)

st.subheader("À quelle échelle les entreprises s'allient-elles ?")
scale = indicators.family(ds, "echelle_entreprises")
scale_alt = indicators.bars_alt(scale, "Échelle territoriale des alliances des entreprises")
st.caption("Plusieurs réponses possibles : le total dépasse 100 %.")
render.chart_block(
    cache.chart("bar_chart", scale, "Échelle des alliances des entreprises partenaires", scale_alt),
    scale,
    "echelle-alliances",
    "Échelle des alliances",
    scale_alt,
)

st.subheader("Les modalités de partenariat des entreprises (PHARE, 2015)")
modes = indicators.family(ds, "phare_modalites")
modes_alt = indicators.bars_alt(modes, "Modalités de partenariat des entreprises partenaires en 2015")
render.chart_block(
    cache.chart("bar_chart", modes, "Modalités des entreprises partenaires (2015)", modes_alt),
    modes,
    "modalites-entreprises",
    "Modalités de partenariat",
    modes_alt,
)

st.subheader("Les quatre objectifs de la co-construction")
square("coconstruction_objective")
