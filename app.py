"""Routing only: page config, the shared sidebar (region picker), navigation."""

import streamlit as st

from odd17.ui import chrome, data, region

st.set_page_config(page_title="ODD 17 · Alliance & Innovation", page_icon="🤝", layout="wide")

# Every URL path differs from its file name on purpose. Until app.py has run once
# after a server start, Streamlit treats pages/ as a legacy folder and would run a
# page whose file name matches the link on its own, without this file (no sidebar,
# no region picker); with other names it runs app.py, which shows the right page
# (the very first visitor after a restart may see a "Page not found" notice over it).
ATELIER = st.Page("pages/atelier.py", title="Mode atelier", url_path="mode-atelier")
PAGES = [
    st.Page("pages/accueil.py", title="Accueil", default=True),
    st.Page("pages/carte.py", title="Carte des régions", url_path="carte-des-regions"),
    st.Page("pages/ma_region.py", title="Ma région", url_path="ma-region"),
    st.Page("pages/eres.py", title="Les trois ères", url_path="les-trois-eres"),
    st.Page("pages/carre_magique.py", title="Carré magique", url_path="carre-magique"),
    st.Page("pages/exemples.py", title="Exemples inspirants", url_path="exemples-inspirants"),
    st.Page("pages/regards_croises.py", title="Regards croisés", url_path="regards-croises"),
    st.Page("pages/sources.py", title="Sources et données", url_path="sources-et-donnees"),
    ATELIER,
]

workshop = chrome.workshop_requested()
page = st.navigation(PAGES, position="hidden" if workshop else "sidebar")
if workshop and page.url_path != ATELIER.url_path:
    st.switch_page(ATELIER, query_params=st.query_params.to_dict())  # keep region and slide
chrome.app_style()
ds = data.dataset()
region.picker(ds)
chrome.region_notice()
data.run_page(page)  # an unexpected error becomes a French message; its traceback goes to the log
