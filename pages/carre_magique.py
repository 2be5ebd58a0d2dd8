"""Carré magique: the four categories, the four objectives, companies' practice."""

import streamlit as st

from odd17 import indicators
from odd17.formats import escape_markdown as md
from odd17.formats import no_break
from odd17.ui import data, record, render


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
render.family_block(
    ds,
    "pratiques_entreprises",
    "evolution_chart",
    "Entreprises de plus de 10 salariés ayant des pratiques partenariales",
    "taux-partenariat-entreprises",
)
record.show_cautions(render.family_cautions(ds, "pratiques_entreprises"))

st.subheader("À quelle échelle les entreprises s'allient-elles ?")
st.caption("Plusieurs réponses possibles : le total dépasse 100 %.")
render.family_block(ds, "echelle_entreprises", "bar_chart", "Échelle des alliances des entreprises partenaires", "echelle-alliances")

st.subheader("Les quatre types de partenariat des entreprises en 2021")
st.caption(
    no_break("Le total dépasse 100 % : une entreprise peut en pratiquer plusieurs. La source ne précise pas sa base (voir la note).")
)
render.family_block(
    ds, "modalites_entreprises", "bar_chart", "Types de partenariat des entreprises partenaires (2021)", "types-partenariat-2021"
)
record.show_cautions(render.family_cautions(ds, "modalites_entreprises"))

st.subheader("Les modalités de partenariat des entreprises (PHARE, 2015)")
render.family_block(ds, "phare_modalites", "bar_chart", "Modalités des entreprises partenaires (2015)", "modalites-entreprises")

st.subheader("Les quatre objectifs de la co-construction")
square("coconstruction_objective")
