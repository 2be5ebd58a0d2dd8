"""Carte des régions: a choropleth of one indicator, its legend, a region list, its table and downloads."""

import streamlit as st

from odd17 import charts, exports, indicators
from odd17.formats import fr_value
from odd17.ui import cache, chrome, data, region, render

PARAM = "indicateur"
TABLE = {"name": "Région", "display": "Valeur", "year_display": "Année", "base": "Base"}
TABLE_WIDTHS = {"Région": "medium", "Valeur": "medium", "Année": "medium", "Base": "large"}
CSV = {"name": "Région", "display": "Valeur", "value": "Valeur (nombre)", "year_display": "Année", "base": "Base", "citation": "Source"}

ds = data.dataset()
st.title("Carte des régions")
st.markdown(
    "Choisissez un indicateur : seuls ceux qui existent région par région sont proposés, "
    "rangés par étude et par année. Les régions grises n'ont pas de chiffre publié."
)
choices = indicators.map_indicators(ds)
wanted = st.query_params.get(PARAM)
if wanted and wanted not in choices:
    st.warning("L'indicateur demandé dans le lien n'existe pas : le premier de la liste est affiché.")
keys = list(choices)
indicator = st.selectbox("Indicateur", keys, index=keys.index(wanted) if wanted in choices else 0, format_func=choices.get)
st.query_params[PARAM] = indicator

values = indicators.map_values(ds, indicator)
unit = indicators.unit_of(values)
alt_text = indicators.map_alt(values, choices[indicator])

render.legend(charts.legend_items(values, lambda v: fr_value(v, unit)))
chrome.map_style(charts.MAP_WIDTH, charts.MAP_HEIGHT)
with st.container(key="map-box"):
    st.pydeck_chart(  # a tap or a click follows the region's link in the list below (chrome.MAP_TAP_JS)
        cache.region_deck(ds, indicator, region.current(), data.geometry(ds), data.inset_frames(ds)),
        width=charts.MAP_WIDTH,
        height=charts.MAP_HEIGHT,
        alt=alt_text,
    )
st.caption("Touchez ou cliquez une région pour ouvrir son profil. Les régions d'outre-mer sont en encart à gauche.")
render.cite(values)

st.subheader("Ouvrir le profil d'une région")
render.region_links(values)

st.subheader("Les mêmes valeurs en tableau")
widths = {name: st.column_config.TextColumn(name, width=width) for name, width in TABLE_WIDTHS.items()}
st.dataframe(values[list(TABLE)].rename(columns=TABLE), hide_index=True, alt=alt_text, column_config=widths)
st.download_button(  # the CSV is written on click, not on every run
    "Ces valeurs (CSV)", lambda: exports.csv_bytes(values, CSV), f"carte-{indicator}.csv", "text/csv", on_click="ignore"
)
