"""Ma région: a region's figures beside France's, its examples, its innovations."""

import streamlit as st

from odd17 import case_studies, exports, indicators
from odd17.formats import escape_markdown as md
from odd17.regions import FRANCE, names
from odd17.state import REGION_PARAM
from odd17.ui import cache, cards, data, filters, record, region, render

PROFILE_COLUMNS = {
    "label": "Indicateur",
    "display": "Région",
    "year_display": "Année (région)",
    "france_display": "France",
    "france_year_display": "Année (France)",
}
DETAIL_COLUMNS = {"label": "Indicateur", "base": "Base (région)", "france_base": "Base (France)", "citation": "Source", "note": "Note"}

ds = data.dataset()
code = region.current()
region_names = names(ds.regions)
st.title(f"Ma région : {md(region_names[code])}")

if code == FRANCE:
    st.info("Choisissez une région dans le menu de gauche (« Votre région ») pour voir son profil à côté de la France.")
    st.stop()


def brief_pdf() -> bytes:
    from odd17 import fiche  # fpdf and its fonts load on the first click, not on the first visit (about 0.3 s)

    return fiche.region_brief_pdf(ds, code, data.geometry(ds))


st.download_button(
    "Fiche région (PDF)",
    brief_pdf,
    f"fiche-{code}.pdf",
    "application/pdf",
    on_click="ignore",
)

profile = indicators.region_profile(ds, code)
base = indicators.sample_base(ds, code)
if base is not None:
    help_text = f"France : {base['france_display']}. Source : {base['citation']}"
    st.metric("Base de l'enquête auprès des Français (Q7)", base["display"], help=help_text, border=True)
else:
    st.metric("Base de l'enquête auprès des Français (Q7)", "non publié", border=True)
record.population(ds, code)

st.subheader("Ses chiffres à côté de ceux de la France")
if profile.empty:
    st.info("Aucun chiffre régional n'est publié pour cette région dans les sources du jeu de données.")
else:
    st.caption("« non publié » : le chiffre n'existe que sous forme de graphique dans le carnet, ou n'est pas donné.")
    table = profile[list(PROFILE_COLUMNS)].rename(columns=PROFILE_COLUMNS)
    st.dataframe(table, hide_index=True, alt=f"Chiffres de {region_names[code]} et de la France")
    render.cite(profile)
    with st.expander("Bases, sources et notes de chaque chiffre"):
        st.dataframe(profile[list(DETAIL_COLUMNS)].rename(columns=DETAIL_COLUMNS), hide_index=True)
    st.download_button(  # the CSV is written on click, not on every run
        "Ces chiffres (CSV)",
        lambda: exports.csv_bytes(profile, {**PROFILE_COLUMNS, **DETAIL_COLUMNS}),
        f"region-{code}.csv",
        "text/csv",
        on_click="ignore",
    )

record.report_links(ds, code)

st.subheader("Les innovations arrivées dans la région")
arrivals = indicators.diffusion(ds, code)
if arrivals.empty:
    st.info("Le carnet ne date l'arrivée d'aucune innovation dans cette région.")
for _, row in arrivals.iterrows():
    st.markdown(f"- **{md(row['innovation'].title())}** : saison {md(row['period'])} — {md(row['label'])}")
render.cite(arrivals)

st.subheader("Les exemples situés dans la région")
prepared = filters.prepared(ds, region_names)  # the examples' index, built once per dataset
examples = case_studies.find(prepared.index, case_studies.Filters(regions=(code,)))
if not examples:
    st.info("Le carnet ne situe aucun de ses exemples dans cette région. Les exemples nationaux sont sur la page « Exemples inspirants ».")
vocab = cache.facets(ds)
for number in examples[: cards.PREVIEW]:  # a bounded number of cards, however many examples the dataset has
    cards.card(prepared.records[number], vocab, region_names)
if len(examples) > cards.PREVIEW:
    st.page_link(
        cards.EXAMPLES_PAGE,
        label=f"Voir les {len(examples)} exemples de la région",
        query_params={REGION_PARAM: code, "regions": code},
    )
