"""Routing only: page config, the shared sidebar (region picker), navigation.

`streamlit run app.py` finds the `st.App` below and serves it: uvicorn imports
this file as the module `app` (so `__name__ != "__main__"`), which only builds
the server with the debate's device cookie (odd17.device). Streamlit then runs
this same file as its script for every visitor, as `__main__`: the routing.
"""

import streamlit as st
from starlette.middleware import Middleware

from odd17.device import DeviceCookie

if __name__ == "__main__":
    from odd17.ui import chrome, data, region

    st.set_page_config(page_title="ODD 17 · Alliance & Innovation", page_icon="🤝", layout="wide")

    # Every URL path differs from its file name on purpose. Until app.py has run once
    # after a server start, Streamlit treats pages/ as a legacy folder and would run a
    # page whose file name matches the link on its own, without this file (no sidebar,
    # no region picker); with other names it runs app.py, which shows the right page
    # (the very first visitor after a restart may see a "Page not found" notice over it).
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
    ds = data.dataset()
    if page.url_path not in {p.url_path for p in DEBATE}:  # a participant's link carries no region
        region.picker(ds)
        chrome.region_notice()
    data.run_page(page)  # an unexpected error becomes a French message; its traceback goes to the log
else:
    app = st.App(__file__, middleware=[Middleware(DeviceCookie)])
