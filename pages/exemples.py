"""Exemples inspirants: filterable cards, a detail view, the filter state in the URL."""

import streamlit as st

from odd17 import case_studies, indicators, state
from odd17.regions import names
from odd17.ui import cache, cards, data, filters

ds = data.dataset()
region_names = names(ds.regions)
vocab = cache.facets(ds)
bounds = case_studies.year_bounds(ds.case_studies)


@st.fragment
def examples() -> None:
    """Filters, detail and cards: a filter click reruns this part only, not the whole app and its sidebar."""
    chosen = filters.examples_filters(ds, vocab, region_names, bounds)

    detail_id = filters.detail_id(set(ds.case_studies["id"]))
    if detail_id:
        row = case_studies.case(ds.case_studies, detail_id)
        cards.detail(row, vocab, region_names, indicators.citation_of(ds, row["source"]))
        st.button("Fermer le détail", on_click=filters.close_detail)

    found = case_studies.filter_cases(ds.case_studies, chosen)
    st.markdown(f"**{len(found)} exemple(s)** sur {len(ds.case_studies)}.")
    if found.empty:
        st.info("Aucun exemple ne correspond à ces filtres. Essayez d'en retirer un, ou d'élargir la période.")
        st.button("Effacer tous les filtres", on_click=filters.clear_filters)
    link_params = state.encode_filters(chosen)
    for start in range(0, len(found), 2):
        for column, (_, row) in zip(st.columns(2), found.iloc[start : start + 2].iterrows(), strict=False):
            with column:
                cards.card(row, vocab, region_names, link_params)
    st.caption("Le lien de cette page reproduit les filtres : copiez-le pour le partager.")


st.title("Exemples inspirants")
examples()
