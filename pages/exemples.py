"""Exemples inspirants: filterable cards a page at a time, a detail view, the filter state and page in the URL."""

import streamlit as st

from odd17 import case_studies, indicators
from odd17.regions import names
from odd17.ui import cache, cards, data, filters

ds = data.dataset()
region_names = names(ds.regions)
vocab = cache.facets(ds)
bounds = case_studies.year_bounds(ds.case_studies)
prepared = filters.prepared(ds, region_names)  # index and rows, built once per dataset


@st.fragment
def examples() -> None:
    """Filters, detail and one page of cards: a filter click reruns this part only, not the whole app and its sidebar."""
    chosen = filters.examples_filters(ds, vocab, region_names, bounds)
    filters.region_view_notice(chosen, region_names)

    detail_id = filters.detail_id(prepared.ids)
    if detail_id:
        row = prepared.records[prepared.ids[detail_id]]
        cards.detail(row, vocab, region_names, indicators.citation_of(ds, row["source"]))
        st.button("Fermer le détail", on_click=filters.close_detail)

    found = case_studies.find(prepared.index, chosen)
    listed = [n for n in found if detail_id is None or n != prepared.ids[detail_id]]  # the open example is shown once
    page = filters.page_of(len(listed), cards.PAGE_SIZE)
    where = f" · page {page.page} sur {page.pages}" if page.pages > 1 else ""
    st.markdown(f"**{len(found)} exemple(s)** sur {len(prepared.records)}{where}.")
    if not found:
        st.info("Aucun exemple ne correspond à ces filtres. Essayez d'en retirer un, ou d'élargir la période.")
        st.button("Effacer tous les filtres", on_click=filters.clear_filters)
    link_params = filters.write_url(chosen, page)
    shown = listed[page.start : page.stop]
    for start in range(0, len(shown), 2):
        for column, number in zip(st.columns(2), shown[start : start + 2], strict=False):
            with column:
                cards.card(prepared.records[number], vocab, region_names, link_params)
    filters.pager(page)
    filters.share(link_params)


st.title("Exemples inspirants")
examples()
