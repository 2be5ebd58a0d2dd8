"""Mode atelier: full-screen slides, next/previous from the keyboard, one region."""

import streamlit as st

from odd17.formats import escape_markdown as md
from odd17.regions import names
from odd17.ui import cache, chrome, data, debate_slides, region, slides

ds = data.dataset()
chrome.projection_style()
story = cache.slides(ds, region.current())  # built once per dataset and region, not on every key press
story, refused = debate_slides.deck(ds, story)  # ?debat=CODE&cle=SECRET adds the live debate's slides
if refused:
    st.warning(md(refused))
number, notice = slides.current(len(story))
if notice:
    st.warning(md(notice))
slides.render(story[number - 1], number, len(story), names(ds.regions)[region.current()])
slides.remote(number, len(story))
slides.write_url(number)
