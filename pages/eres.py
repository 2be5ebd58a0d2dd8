"""Les trois ères: the eras in order, then the dated milestones on a time axis."""

import streamlit as st

from odd17 import indicators, timeline
from odd17.formats import escape_markdown as md
from odd17.ui import cache, data, render

ds = data.dataset()
st.title("Les trois ères des relations partenariales")
st.markdown(
    "Le carnet décrit trois ères des relations partenariales alliant économie et intérêt général, "
    "et pose la question d'une quatrième. **Il ne date pas leurs bornes** : l'application non plus."
)

eras = indicators.with_sources(timeline.eras(ds.concepts), ds.sources)
# The numbered cards are the picture: one row of boxes on a wide screen, one column on a phone, nothing cut.
columns = st.columns(len(eras))
for column, (_, era) in zip(columns, eras.iterrows(), strict=True):
    with column.container(border=True):
        st.markdown(f"**{era['order']}. {md(era['label'])}**")
        st.markdown(md(era["definition"]))
        if era["note"]:
            st.caption(md(era["note"]))
render.cite(eras)

st.subheader("Les jalons datés par le carnet")
kinds = st.pills(
    "Types de jalons (aucun choisi : tous)",
    list(timeline.KIND_LABELS),
    selection_mode="multi",
    format_func=timeline.KIND_LABELS.get,
    key="kinds",
)
marks = indicators.with_sources(timeline.milestones(ds.timeline, tuple(kinds or ())), ds.sources)
st.caption(f"{len(marks)} jalon(s) affiché(s).")
alt_text = timeline.alt_text(marks)
chart = cache.chart("timeline_chart", marks, "Jalons datés (1986-2022), un carré par jalon", alt_text)
render.chart_block(chart, marks.rename(columns={"when": "year_display"}), "jalons", "Jalons datés", alt_text)

st.subheader("Les jalons, année par année")
for year, group in timeline.by_year(marks):
    lines = [f"- **{md(row['when'])}** — {md(row['label'])} *({md(row['kind_label'])})*" for _, row in group.iterrows()]
    st.markdown(f"**{year}**\n\n" + "\n".join(lines))
