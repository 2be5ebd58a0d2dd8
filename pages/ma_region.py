"""Ma région: what is published for a region (its figures beside France's, its report, its examples),
then the context (innovations that reached it, the survey's sample base) and the one-page brief."""

import pandas as pd
import streamlit as st

from odd17 import case_studies, exports, indicators
from odd17.formats import MISSING
from odd17.formats import escape_markdown as md
from odd17.regions import FRANCE, for_region, names, options
from odd17.state import REGION_PARAM
from odd17.ui import cache, cards, data, filters, record, region, render

CSV_COLUMNS = {
    "label": "Indicateur",
    "display": "Région",
    "year_display": "Année (région)",
    "france_display": "France",
    "france_year_display": "Année (France)",
    "base": "Base (région)",
    "france_base": "Base (France)",
    "citation": "Source",
    "note": "Note",
}


def with_year(display: str, year: str) -> str:
    """'43 % (2016)'; a missing value or an undated one without brackets."""
    return f"{display} ({year})" if display != MISSING and year and year[:1].isdigit() else display


def figure_block(index: int, row: pd.Series, region_name: str) -> None:
    """One figure: its label, the region's value and France's, side by side (stacked on a phone, see chrome.APP_CSS)."""
    with st.container(key=f"figure-{index}", border=True):
        st.markdown(f"**{md(row['label'])}**")
        mine, france = st.columns(2)
        mine.markdown(f"{md(region_name)} : **{md(with_year(row['display'], row['year_display']))}**")
        france.markdown(f"France : **{md(with_year(row['france_display'], row['france_year_display']))}**")
        if row.get("base"):
            st.caption(f"Base : {md(row['base'])}")


def national_reference(ds) -> None:
    """The national headline figures, as the reference when a region has nothing published."""
    headlines = indicators.labelled(indicators.headline_figures(ds))
    for index, (_, row) in enumerate(headlines.iterrows()):
        with st.container(key=f"national-{index}", border=True):
            st.markdown(f"**{md(row['label'])}** : {md(with_year(row['display'], row['year_display']))}")
    render.cite(headlines)


ds = data.dataset()
code = region.current()
region_names = names(ds.regions)
st.title(f"Ma région : {md(region_names[code])}")

if code == FRANCE:
    st.info("Choisissez une région pour voir ce qui est publié pour elle, à côté de la France.")
    choices = options(ds.regions)[1:]
    picked = st.selectbox("Votre région", choices, index=None, format_func=region_names.get, placeholder="Choisir une région")
    if picked:
        region.choose(picked)
        st.rerun()
    st.subheader("Les chiffres nationaux")
    national_reference(ds)
    st.stop()

name = region_names[code]
profile = indicators.region_profile(ds, code)
figures = profile[profile["indicator"] != indicators.SAMPLE_BASE].reset_index(drop=True)
published = indicators.published(figures)

st.subheader("Ses chiffres publiés, à côté de ceux de la France")
if published.empty:
    st.info(
        f"Aucun chiffre régional n'est publié {md(for_region(code, name))} dans les sources de l'application : "
        "les chiffres nationaux ci-dessous servent de référence."
    )
    national_reference(ds)
else:
    for index, (_, row) in enumerate(published.iterrows()):
        figure_block(index, row, name)
    render.cite(published)
missing = indicators.unpublished(figures)
if len(missing):
    with st.expander(f"Chiffres que les sources ne donnent pas pour la région ({len(missing)})"):
        st.caption("« non publié » : le chiffre n'existe que sous forme de graphique dans le carnet, ou n'est pas donné.")
        for _, row in missing.iterrows():
            france = with_year(row["france_display"], row["france_year_display"])
            st.markdown(f"- {md(row['label'])} : non publié pour la région ; France : {md(france)}")
if len(figures):
    st.download_button(  # the CSV is written on click, not on every run
        "Ces chiffres (CSV)",
        lambda: exports.csv_bytes(figures, CSV_COLUMNS),
        f"region-{code}.csv",
        "text/csv",
        on_click="ignore",
    )
record.report_links(ds, code)

st.subheader("Les exemples situés dans la région")
prepared = filters.prepared(ds, region_names)  # the examples' index, built once per dataset
examples = case_studies.find(prepared.index, case_studies.Filters(regions=(code,)))
if not examples:
    st.info("Le carnet ne situe aucun de ses exemples dans cette région. Les exemples nationaux sont sur la page « Exemples inspirants ».")
vocab = cache.facets(ds)
for number in examples[: cards.PREVIEW]:  # a bounded number of cards, however many examples the dataset has
    cards.card(prepared.records[number], vocab, region_names)
if len(examples) > cards.PREVIEW:
    st.page_link(
        cards.EXAMPLES_PAGE,
        label=f"Voir les {len(examples)} exemples de la région",
        query_params={REGION_PARAM: code, "regions": code},
    )

st.subheader("Les innovations arrivées dans la région")
arrivals = indicators.diffusion(ds, code)
if arrivals.empty:
    st.info("Le carnet ne date l'arrivée d'aucune innovation dans cette région.")
titles = dict(zip(ds.case_studies["id"], ds.case_studies["title"], strict=True))  # 'silvergeek' → 'Silver Geek'
for _, row in arrivals.iterrows():
    title = titles.get(row["innovation"], row["innovation"])
    st.markdown(f"- **{md(title)}** : saison {md(row['period'])} — {md(row['label'])}")
render.cite(arrivals)

st.subheader("Contexte : l'enquête auprès des Français")
base = indicators.sample_base(ds, code)
if base is not None:
    st.markdown(
        f"L'échantillon de l'enquête IMPACT-Citoyens (question Q7) représente **{md(base['display'])}** "
        f"d'habitants de la région (France : {md(base['france_display'])})."
    )
    st.caption(f"Source : {md(base['citation'])}")
else:
    st.markdown("La base régionale de l'enquête IMPACT-Citoyens (question Q7) n'est pas publiée pour cette région.")
record.population(ds, code)


def brief_pdf() -> bytes:
    from odd17 import fiche  # fpdf and its fonts load on the first click, not on the first visit (about 0.3 s)

    return fiche.region_brief_pdf(ds, code, data.geometry(ds))


st.download_button("Fiche région (PDF)", brief_pdf, f"fiche-{code}.pdf", "application/pdf", on_click="ignore", type="primary")
