"""Shared page chrome: notices, the workshop switch, CSS for projection."""

from __future__ import annotations

import math

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


# App-wide finish (every page but the projection, which adds PROJECTION_CSS): our own CSS, no data in it.
# - focus: a visible ring on every link and control reached from the keyboard (Streamlit's own is faint or none);
# - metric, widget and page-link labels wrap instead of being cut with an ellipsis;
# - Ma région's side-by-side rows (keyed "figure-*") stack on a phone;
# - the map legend and region list wrap at every width.
APP_CSS = """
<style>
a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [role="tab"]:focus-visible,
[role="option"]:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible,
[data-baseweb="select"]:focus-within, [tabindex]:not([tabindex="-1"]):focus-visible, canvas:focus-visible {
  outline: 3px solid #1f4e79 !important; outline-offset: 2px !important; box-shadow: 0 0 0 5px #ffffff !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;}
[data-testid="stPageLink"] a {height: auto !important; white-space: normal !important;}
[data-testid="stPageLink"] p, [data-testid="stWidgetLabel"] p, [data-testid="stWidgetLabel"] div {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
.map-legend {display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; list-style: none;}
.map-legend li {display: flex; align-items: center; gap: 0.4rem; margin: 0;}
.map-legend .swatch {display: inline-block; width: 1.1rem; height: 1.1rem; border: 1px solid #282828; flex: none;}
@media (max-width: 640px) {
  [class*="st-key-figure-"] [data-testid="stHorizontalBlock"] {flex-direction: column !important; gap: 0.25rem !important;}
  [class*="st-key-figure-"] [data-testid="stColumn"] {width: 100% !important; flex: 1 1 auto !important;}
}
</style>
"""


# One tap or click on a region opens its profile. deck.gl, as Streamlit 1.67 bundles it, reports a click
# to st.pydeck_chart's selection only after a mouse hover with no tooltip in the way, and never a touch tap
# (measured in Chromium: tap, tap on the scaled map, click after the tooltip showed: no selection). Its
# hover picking does work for both: after a press that did not move, this reads the region its tooltip
# names at the pressed point and follows that region's link in the list under the map (the same link a
# keyboard user follows). Our own constant script: no data in it, nothing sent anywhere.
MAP_TAP_JS = r"""
<script>
(() => {
  if (window.__odd17MapTap) return;
  window.__odd17MapTap = true;
  let down = null;
  document.addEventListener("pointerdown", (event) => {
    const box = event.target.closest && event.target.closest(".st-key-map-box");
    down = box && event.button === 0 ? {box, x: event.clientX, y: event.clientY} : null;
  }, true);
  document.addEventListener("pointerup", (event) => {
    if (!down || Math.hypot(event.clientX - down.x, event.clientY - down.y) > 10) { down = null; return; }
    const box = down.box, x = event.clientX, y = event.clientY, start = performance.now();
    down = null;
    const look = () => {
      const deck = box.querySelector('[data-testid="stDeckGlJsonChart"]');
      const tip = box.querySelector(".deck-tooltip");
      if (deck && tip && getComputedStyle(tip).display !== "none") {
        const rect = deck.getBoundingClientRect(), scale = rect.width / deck.offsetWidth || 1;
        const at = (tip.style.transform.match(/-?[\d.]+/g) || []).map(Number);
        const near = at.length >= 2 && Math.abs(at[0] - (x - rect.left) / scale) < 4 && Math.abs(at[1] - (y - rect.top) / scale) < 4;
        const name = tip.innerText.split("\n")[0].trim();
        const link = near && name && [...document.querySelectorAll(".st-key-region-links a")]
          .find((a) => a.innerText.trim().startsWith(name + " ·"));
        if (link) { link.click(); return; }
      }
      if (performance.now() - start < 800) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, true);
})();
</script>
"""


def map_fit_css(width: int, height: int, narrowest: int = 240, step: int = 10) -> str:
    """CSS that scales the map's fixed width × height box down to a narrower container.

    Container queries on the keyed map box, one per `step` pixels: each draws the box at
    container/width (rounded down, so it always fits) and shrinks the element's height to match.
    CSS cannot divide a length by a length, hence steps rather than one formula.
    """
    rules = [
        ".st-key-map-box {container-type: inline-size; container-name: mapbox;}",
        f'.st-key-map-box [data-testid="stDeckGlJsonChart"] {{width: {width}px !important; height: {height}px !important; max-width: none !important;}}',
    ]
    for low in range(width - step, narrowest - step, -step):
        scale = math.floor(max(low, narrowest) / width * 10_000) / 10_000  # rounded down: never wider than the container
        rules.append(
            f"@container mapbox (max-width: {low + step - 0.02}px) {{"
            f" .st-key-map-box [data-testid='stElementContainer'], .st-key-map-box [data-testid='stFullScreenFrame']"
            f" {{height: {height * scale:.1f}px !important; flex-basis: {height * scale:.1f}px !important;}}"
            f' [data-testid="stDeckGlJsonChart"] {{transform: scale({scale:.4f}); transform-origin: 0 0;}}}}'
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def app_style() -> None:
    """The app-wide CSS (st.html with only a style block adds no visible element) and the French relabelling."""
    st.html(APP_CSS)
    st.sidebar.html(relabel_script(), unsafe_allow_javascript=True)


def map_style(width: int, height: int) -> None:
    """The map's scaling CSS and its tap handler (see MAP_TAP_JS)."""
    st.html(map_fit_css(width, height))
    st.html(MAP_TAP_JS, unsafe_allow_javascript=True)


# Streamlit 1.67 has no translation setting: the English of its own controls (skip link, multiselect,
# dataframe and chart toolbars, sidebar buttons) is relabelled in the browser, text, aria-label, title
# and placeholder alike, and the page's language set to French so screen readers speak it as French.
# Exact matches only: text from the data is never touched (it is French). What is not listed stays English.
FRENCH_LABELS = {
    "Skip to main content": "Aller au contenu principal",
    "Select all": "Tout sélectionner",
    "Clear all": "Tout effacer",
    "Clear": "Effacer",
    "No results": "Aucun résultat",
    "Choose an option": "Choisir une option",
    "Choose options": "Choisir des options",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Download as CSV": "Télécharger en CSV",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Search": "Rechercher",
    "Clear selection": "Effacer la sélection",
    "Main menu": "Menu principal",
    "Collapse sidebar": "Replier le menu",
    "Expand sidebar": "Déplier le menu",
    "Copy to clipboard": "Copier",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Rerun": "Relancer",
}
RELABEL_JS = r"""
<script>
(() => {
  if (window.__odd17French) return;
  window.__odd17French = true;
  const fr = LABELS_JSON;
  const attrs = ["aria-label", "title", "placeholder"];
  const fixElement = (el) => {
    for (const a of attrs) {
      const v = el.getAttribute && el.getAttribute(a);
      if (v && fr[v.trim()]) el.setAttribute(a, fr[v.trim()]);
    }
  };
  const fixText = (node) => {
    const t = node.nodeValue && node.nodeValue.trim();
    if (t && fr[t]) node.nodeValue = node.nodeValue.replace(t, fr[t]);
  };
  const fix = (root) => {
    if (root.nodeType === 3) return fixText(root);
    if (root.nodeType !== 1) return;
    fixElement(root);
    root.querySelectorAll("[aria-label],[title],[placeholder]").forEach(fixElement);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) fixText(n);
  };
  document.documentElement.lang = "fr";
  fix(document.body);
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "childList") m.addedNodes.forEach(fix);
      else if (m.type === "attributes") fixElement(m.target);
      else if (m.type === "characterData") fixText(m.target);
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attrs});
})();
</script>
"""


def relabel_script() -> str:
    """RELABEL_JS with FRENCH_LABELS in it (JSON: no quoting of our own to get wrong)."""
    import json

    return RELABEL_JS.replace("LABELS_JSON", json.dumps(FRENCH_LABELS, ensure_ascii=False))


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
