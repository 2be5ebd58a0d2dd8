"""Shared page chrome: notices, the workshop switch, CSS for projection."""

from __future__ import annotations

import streamlit as st

from odd17.formats import escape_markdown
from odd17.ui import region

WORKSHOP_PARAM = "atelier"
# Our own CSS (no data in it): hides Streamlit's chrome and enlarges type so the
# slides read from the back of a room at 1920×1080.
PROJECTION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer {display: none !important;}
.block-container {padding-top: 1.5rem !important; max-width: 1800px !important;}
.stMainBlockContainer p, .stMainBlockContainer li {font-size: 30px !important; line-height: 1.35 !important;}
.stMainBlockContainer h1 {font-size: 64px !important;}
.stMainBlockContainer h2 {font-size: 48px !important;}
.stMainBlockContainer h3 {font-size: 36px !important;}
[data-testid="stMetricValue"] {font-size: 88px !important; font-weight: 700 !important;}
[data-testid="stMetricLabel"] p {font-size: 30px !important;}
[data-testid="stCaptionContainer"] p {font-size: 22px !important;}
.stButton button p {font-size: 26px !important;}
.st-key-remote-keys {position: absolute !important; left: -10000px !important; width: 1px; height: 1px; overflow: hidden;}
</style>
"""


def workshop_requested() -> bool:
    return st.query_params.get(WORKSHOP_PARAM) == "1"


def region_notice() -> None:
    """The notice left by a refused region code in the URL."""
    message = region.notice()
    if message:
        st.warning(escape_markdown(message))


def projection_style() -> None:
    st.markdown(PROJECTION_CSS, unsafe_allow_html=True)
