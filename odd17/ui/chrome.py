"""Shared page chrome: notices, the workshop switch, CSS for projection."""

from __future__ import annotations

import streamlit as st

from odd17.formats import escape_markdown
from odd17.ui import region

WORKSHOP_PARAM = "atelier"
# Our own CSS (no data in it): hides Streamlit's chrome and enlarges type so the
# slides read from the back of a bright room at 1920×1080: near-black on white,
# no grey captions (a projector washes them out), key figures ≥ 48 px, body ≥ 28 px.
PROJECTION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer {display: none !important;}
.stMainBlockContainer {padding: 1.5rem 4rem 9rem 4rem !important; max-width: 1800px !important;}
.stMainBlockContainer, .stMainBlockContainer * {color: #000;}
.stMainBlockContainer p, .stMainBlockContainer li {font-size: 30px !important; line-height: 1.35 !important;}
.stMainBlockContainer h1 {font-size: 64px !important; line-height: 1.15 !important; padding-top: 0.5rem !important;}
.stMainBlockContainer h2 {font-size: 44px !important; line-height: 1.25 !important; font-weight: 600 !important;}
.stMainBlockContainer h3 {font-size: 36px !important; line-height: 1.2 !important;}
.stMainBlockContainer [data-testid="stMetricValue"], .stMainBlockContainer [data-testid="stMetricValue"] p {
  font-size: 88px !important; font-weight: 700 !important; line-height: 1.1 !important;}
.stMainBlockContainer [data-testid="stMetricLabel"], .stMainBlockContainer [data-testid="stMetricLabel"] * {
  font-size: 30px !important; white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; min-height: 0 !important;}
.stMainBlockContainer [class*="st-key-big-value"] p {font-size: 56px !important; font-weight: 700 !important; line-height: 1.1 !important;}
.stMainBlockContainer [class*="st-key-missing-value"] p {font-size: 30px !important; font-style: italic !important;}
.stMainBlockContainer [class*="st-key-key-figure"] p {font-size: 48px !important; font-weight: 700 !important; line-height: 1.15 !important;}
.stMainBlockContainer [data-testid="stCaptionContainer"], .stMainBlockContainer [data-testid="stCaptionContainer"] * {
  color: #222 !important; opacity: 1 !important;}
.stMainBlockContainer [data-testid="stCaptionContainer"] p {font-size: 24px !important;}
.stMainBlockContainer [data-testid="stVerticalBlock"][class*="border"], .stMainBlockContainer [data-testid="stLayoutWrapper"] > div {
  border-color: #555 !important;}
.st-key-slide-nav {position: fixed !important; left: 0; right: 0; bottom: 0; z-index: 1000; background: #fff;
  border-top: 2px solid #000; padding: 0.75rem 4rem !important;}
.st-key-slide-nav p {font-size: 24px !important;}
.st-key-slide-nav [data-testid="stPageLink"] a {border: 2px solid #000; justify-content: center;}
.stButton button {min-height: 64px; border: 2px solid #000 !important;}
.stButton button p {font-size: 28px !important; font-weight: 600 !important;}
.stButton button:disabled, .stButton button:disabled p {color: #767676 !important; border-color: #767676 !important;}
.st-key-remote-keys {position: absolute !important; left: -10000px !important; width: 1px; height: 1px; overflow: hidden;}
.st-key-slide-nav kbd, .st-key-remote-keys kbd {display: none !important;}
[class*="st-key-box-era-"] {min-height: 560px;}
[class*="st-key-box-square-"] {min-height: 290px;}
[class*="st-key-box-example-"] {min-height: 540px;}
[class*="st-key-fact-"], [class*="st-key-side-value-"] {margin-bottom: 1.2rem; gap: 0.2rem !important;}
[class*="st-key-fact-"] p, [class*="st-key-side-value-"] p {margin-bottom: 0 !important;}
.stMainBlockContainer [data-testid="stMetric"] {padding: 1.5rem 0 2.5rem 0;}
.stMainBlockContainer [data-testid="stMetricValue"], .stMainBlockContainer [data-testid="stMetricValue"] * {font-size: 96px !important;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
.stMainBlockContainer [class*="st-key-big-value-fact-"] p {font-size: 64px !important;}
.stMainBlockContainer [data-testid="stVegaLiteChart"] {margin-top: 0.5rem;}
/* Slides are laid out for 1920×1080; a smaller screen (a laptop at 1280×800, a 1366×768
   projector) shows the same slide scaled down rather than cut or scrolled. Charts are
   then fitted by Streamlit to the zoomed width: their texts are kept short enough for it. */
@media (max-width: 1899px), (max-height: 1059px) {.stMainBlockContainer {zoom: 0.83;}}
@media (max-width: 1599px), (max-height: 899px) {.stMainBlockContainer {zoom: 0.66;}}
@media (max-width: 1279px), (max-height: 719px) {.stMainBlockContainer {zoom: 0.55;}}
</style>
"""


def workshop_requested() -> bool:
    return st.query_params.get(WORKSHOP_PARAM) == "1"


def region_notice() -> None:
    """The notice left by a refused region code in the URL."""
    message = region.notice()
    if message:
        st.warning(escape_markdown(message))
        region.clear_notice()  # shown once, on the page the link opened


def projection_style() -> None:
    st.markdown(PROJECTION_CSS, unsafe_allow_html=True)
