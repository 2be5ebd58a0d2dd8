"""Routing only: page config, the shared sidebar (region picker), navigation.

Streamlit runs this file as __main__ for every visitor (the routing below). Because it
also defines `app`, an st.App, `streamlit run app.py` imports it once at start (as the
module `app`, so `__name__ != "__main__"`) and serves that app: its lifespan makes
st.navigation the router from the first session on (odd17/ui/server.py: without it, the
first visitor after a start who opens a sub-page directly gets Streamlit's "Page not
found" dialog over it), and its middleware gives each browser the debate's anonymous
device cookie (odd17/device.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from odd17.debate.device import DeviceCookie
from odd17.ui import chrome, data, region, server

if __name__ == "__main__":  # a visitor's run (Streamlit names the script __main__); st.Page needs one
    st.set_page_config(page_title="ODD 17 · Alliance & Innovation", page_icon="🤝", layout="wide")

    # URL paths differ from file names: links in the wild use these paths (and, were the
    # legacy pages/ router ever on again, a file-named link would run a page without this file).
    ATELIER = st.Page("pages/atelier.py", title="Mode atelier", url_path="mode-atelier")
    # The live debate: phones and the facilitator's controls, without the sidebar or the region picker.
    DEBATE = [
        st.Page("pages/debat_participant.py", title="Participer au débat", url_path="participer", visibility="hidden"),
        st.Page("pages/debat_animateur.py", title="Animer un débat", url_path="animer"),
    ]
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
        *DEBATE,
    ]

    workshop = chrome.workshop_requested()
    page = st.navigation(PAGES, position="hidden" if workshop else "sidebar")
    if workshop and page.url_path != ATELIER.url_path:
        st.switch_page(ATELIER, query_params=st.query_params.to_dict())  # keep region and slide
    chrome.app_style()
    ds = data.dataset()
    if page.url_path not in {p.url_path for p in DEBATE}:  # a participant's link carries no region
        region.picker(ds)
        chrome.region_notice()
    data.run_page(page)  # an unexpected error becomes a French message; its traceback goes to the log
else:  # imported once by `streamlit run app.py` at start, to serve this app
    app = st.App("app.py", lifespan=server.lifespan, middleware=[Middleware(DeviceCookie)])
