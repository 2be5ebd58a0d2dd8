"""Sources et données: every source, every table, the licence, downloads, the check."""

import streamlit as st

from odd17 import exports, sources
from odd17.formats import escape_markdown as md
from odd17.ui import data

ds = data.dataset()
st.title("Sources et données")
st.markdown(
    "Chaque chiffre de l'application renvoie à une source ci-dessous. Les valeurs que le carnet ne donne "
    "que sous forme de graphique sont **absentes** et affichées « non publié » : jamais estimées."
)

st.subheader("Les sources")
title, sections = sources.main_document(ds.sources)
st.markdown(f"**Source principale** : {md(title)}. Sections citées :")
st.dataframe(sections, hide_index=True, alt="Sections du carnet citées")
st.markdown("**Autres sources publiques**")
links = {"Lien": st.column_config.LinkColumn("Lien"), "Titre": st.column_config.TextColumn("Titre", width="large")}
st.dataframe(sources.other_sources(ds.sources), hide_index=True, column_config=links, alt="Autres sources")

st.subheader("Les tables")
for name, title, rows, description in sources.tables(ds):
    with st.container(border=True):
        st.markdown(f"**{md(title)}** — {rows} lignes. {md(description)}")
        st.download_button(
            f"Télécharger {name}.csv", sources.table_bytes(ds, name), f"{name}.csv", "text/csv", key=f"dl-{name}", on_click="ignore"
        )
st.download_button(
    "Tout le jeu de données (zip avec datapackage.json)",
    lambda: exports.dataset_zip(ds.path),
    "odd17-donnees.zip",
    "application/zip",
    type="primary",
    on_click="ignore",
)

st.subheader("Licence")
st.markdown(md(sources.licence(ds)))
st.markdown(md(sources.geometry_note(ds)))

st.success(f"Le dossier actuellement chargé est valide ({md(ds.path.name)}).")

st.subheader("Pour les gestionnaires du jeu de données")
with st.expander("Utiliser un autre jeu de données (ligne de commande)"):
    st.markdown(
        "L'application lit le dossier `data/` ou celui que désigne la variable d'environnement `ODD17_DATA_DIR` "
        "(un Data Package Frictionless : `datapackage.json` et ses CSV). Avant de l'utiliser, vérifiez-le :"
    )
    st.code("python -m odd17 check /chemin/vers/le/dossier\nODD17_DATA_DIR=/chemin/vers/le/dossier streamlit run app.py", language="bash")
