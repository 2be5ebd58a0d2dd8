"""Carte des régions: a choropleth of one indicator, its table and downloads."""

import streamlit as st

from odd17 import charts, exports, indicators
from odd17.formats import fr_value
from odd17.ui import cache, data, region, render

PARAM = "indicateur"
TABLE = {"name": "Région", "display": "Valeur", "year_display": "Année", "base": "Base", "citation": "Source"}
CSV = {"name": "Région", "display": "Valeur", "value": "Valeur (nombre)", "year_display": "Année", "base": "Base", "citation": "Source"}

ds = data.dataset()
st.title("Carte des régions")
st.markdown(
    "Choisissez un indicateur : seuls ceux qui existent région par région sont proposés. Les régions grises n'ont pas de chiffre publié."
)
choices = indicators.map_indicators(ds)
wanted = st.query_params.get(PARAM)
if wanted and wanted not in choices:
    st.warning("L'indicateur demandé dans le lien n'existe pas : le premier de la liste est affiché.")
keys = list(choices)
indicator = st.selectbox("Indicateur", keys, index=keys.index(wanted) if wanted in choices else 0, format_func=choices.get)
st.query_params[PARAM] = indicator

values = indicators.map_values(ds, indicator)
unit = indicators.unit_of(values)
alt_text = indicators.map_alt(values, choices[indicator])

left, right = st.columns([4, 1])
with left:
    event = st.pydeck_chart(
        cache.region_deck(ds, indicator, region.current(), data.geometry(ds), data.inset_frames(ds)),
        on_select="rerun",
        selection_mode="single-object",
        key="map",
        height=620,
        alt=alt_text,
    )
with right:
    cache.show(cache.chart("legend_chart", charts.legend_items(values, lambda v: fr_value(v, unit)), "Légende"))
    st.caption("Cliquez sur une région pour ouvrir son profil. Les départements et régions d'outre-mer sont en encart à gauche.")
render.cite(values)

picked = charts.picked_region(event)
if picked:
    region.choose(picked)
    st.switch_page("pages/ma_region.py")

st.subheader("Les mêmes valeurs en tableau")
st.dataframe(values[list(TABLE)].rename(columns=TABLE), hide_index=True, alt=alt_text)
st.download_button(  # the CSV is written on click, not on every run
    "Ces valeurs (CSV)", lambda: exports.csv_bytes(values, CSV), f"carte-{indicator}.csv", "text/csv", on_click="ignore"
)
