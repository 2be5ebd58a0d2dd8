"""Accueil: the headline figures, the region picker, a way into every page."""

import streamlit as st

from odd17 import indicators
from odd17.formats import escape_markdown as md
from odd17.regions import FRANCE, names, options
from odd17.ui import data, region, render

PAGE_LINES = (
    ("pages/carte.py", "Carte des régions", "Où en est chaque région ? Les chiffres publiés, région par région, sur une carte."),
    ("pages/ma_region.py", "Ma région", "Ma région face à la France : chiffres, exemples, innovations arrivées, fiche à imprimer."),
    ("pages/eres.py", "Les trois ères", "Comment est-on passé de la solidarité à la co-construction ? Les jalons datés."),
    (
        "pages/carre_magique.py",
        "Carré magique",
        "Quelles formes prennent les partenariats, et à quelle échelle les entreprises s'allient-elles ?",
    ),
    ("pages/exemples.py", "Exemples inspirants", "Qui fait quoi, où ? Les exemples du carnet, filtrables et partageables."),
    ("pages/regards_croises.py", "Regards croisés", "Que disent les Français, les élus, les associations et les entreprises ?"),
    ("pages/sources.py", "Sources et données", "D'où vient chaque chiffre ? Sources, licence, téléchargements."),
    ("pages/atelier.py", "Mode atelier", "Projeter l'histoire en réunion, grand format, au clavier."),
)


def go_to_region() -> None:
    region.choose(st.session_state["home_region"])


ds = data.dataset()
st.title("ODD 17 : Alliance & Innovation")
st.markdown(
    "Les résultats du programme IMPACT 2018-2022 de l'Observatoire des partenariats sur les alliances "
    "entre collectivités, entreprises, associations et acteurs académiques."
)

labels = names(ds.regions)
with st.container(border=True, key="home-picker"):
    st.selectbox(
        "Votre région : ses chiffres publiés, ses exemples, sa fiche",
        options(ds.regions),
        index=options(ds.regions).index(region.current()),
        format_func=labels.get,
        key="home_region",
        on_change=go_to_region,
    )
    if region.current() != FRANCE:
        st.page_link("pages/ma_region.py", label=f"Voir le profil : {md(labels[region.current()])}", icon=":material/arrow_forward:")
    else:
        st.caption("Choisissez une région pour ouvrir son profil ; « France » montre les chiffres nationaux ci-dessous.")

headlines = indicators.labelled(indicators.headline_figures(ds))
for start in range(0, len(headlines), 3):  # one row of columns at a time: reading order = DOM order
    for column, (_, row) in zip(st.columns(3), headlines.iloc[start : start + 3].iterrows(), strict=False):
        with column.container(border=True):
            st.metric(md(row["item"]), row["display"])
            st.markdown(md(row["label"]))
            st.caption(f"Base : {md(row['base'])} · {md(row['year_display'])}")
render.cite(headlines)


st.subheader("Que trouver dans cette application ?")
for path, title, line in PAGE_LINES:
    st.page_link(path, label=f"{title} — {line}")
