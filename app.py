"""Routing only: page config, the shared sidebar (region picker), navigation."""

import streamlit as st

from odd17.ui import chrome, data, region

st.set_page_config(page_title="ODD 17 · Alliance & Innovation", page_icon="🤝", layout="wide")

# URL paths are the file names: Streamlit first resolves a link against the pages/
# folder by file name, and a different path shows "Page not found" to the first
# visitor after a restart.
ATELIER = st.Page("pages/atelier.py", title="Mode atelier", url_path="atelier")
PAGES = [
    st.Page("pages/accueil.py", title="Accueil", default=True),
    st.Page("pages/carte.py", title="Carte des régions", url_path="carte"),
    st.Page("pages/ma_region.py", title="Ma région", url_path="ma_region"),
    st.Page("pages/eres.py", title="Les trois ères", url_path="eres"),
    st.Page("pages/carre_magique.py", title="Carré magique", url_path="carre_magique"),
    st.Page("pages/exemples.py", title="Exemples inspirants", url_path="exemples"),
    st.Page("pages/regards_croises.py", title="Regards croisés", url_path="regards_croises"),
    st.Page("pages/sources.py", title="Sources et données", url_path="sources"),
    ATELIER,
]

workshop = chrome.workshop_requested()
page = st.navigation(PAGES, position="hidden" if workshop else "sidebar")
if workshop and page.url_path != ATELIER.url_path:
    st.switch_page(ATELIER, query_params=st.query_params.to_dict())  # keep region and slide
ds = data.dataset()
region.picker(ds)
chrome.region_notice()
page.run()
