"""The facilitator's screen (/animer): create a debate, then, with its key, the remote that drives it."""

from __future__ import annotations

import os

import streamlit as st

from odd17.dataset import Dataset
from odd17.debate import export, invitation, rules
from odd17.debate.errors import DebateError, StoreUnavailable, UnknownDebate
from odd17.debate.questions import Question, questions, resolve
from odd17.debate.store import Debate
from odd17.formats import escape_markdown as md
from odd17.regions import names, options
from odd17.ui import data
from odd17.ui.debate import (
    CODE_PARAM,
    DECK_PARAM,
    SECRET_PARAM,
    SHOWN_QUESTION,
    UNAVAILABLE,
    act,
    flash,
    question_list,
    region_name,
    server_port,
    show_flash,
    store,
)
from odd17.ui.debate_slides import Live, join_block, live_block

CREATED = "_debate_created"
CONFIRM_DELETE = "_debate_confirm_delete"
REFUSED_SECRET = (
    "Accès refusé : ce lien d'animation est incomplet ou sa clé est fausse. Seul le lien donné à la création du débat ouvre ses commandes."
)


def facilitator_path(code: str, secret: str) -> str:
    return f"/animer?{CODE_PARAM}={code}&{SECRET_PARAM}={secret}"


def deck_path(code: str, secret: str, region: str) -> str:
    return f"/mode-atelier?atelier=1&region={region}&{DECK_PARAM}={code}&{SECRET_PARAM}={secret}"


def create(region: str, title: str, chosen: list[str]) -> None:
    if not chosen:
        flash("Choisissez au moins une question.")
        return
    try:
        debate, secret = store().create(region, title.strip() or "Débat ODD 17", resolve(data.dataset(), region, chosen))
    except DebateError as error:
        flash(str(error))
        return
    st.session_state[CREATED] = (debate.code, secret, debate.region)


def create_form(ds: Dataset) -> None:
    """Create a debate: a region, a title, questions from the dataset's list."""
    st.markdown("# Créer un débat")
    show_flash()
    labels = names(ds.regions)
    known = {q.id: q for q in questions(ds)}
    with st.form("create"):
        region = st.selectbox("Région du débat", options(ds.regions), format_func=labels.get, key="create-region")
        title = st.text_input("Titre (affiché aux participants)", value="Débat ODD 17", max_chars=80, key="create-title")
        chosen = st.multiselect(
            "Questions, dans l'ordre où vous les poserez",
            list(known),
            default=list(known),
            format_func=lambda q: known[q].label,
            key="create-questions",
        )
        submitted = st.form_submit_button("Créer le débat", type="primary")
    if submitted:
        create(region, title, chosen)
        st.rerun()


def created_links() -> None:
    """The links of a debate just made, shown this once: the secret is not stored in clear."""
    code, secret, region = st.session_state[CREATED]
    st.markdown("# Débat créé")
    st.success(f"Code du débat : {code}. Gardez le lien d'animation : il ne sera plus affiché.")
    base = invitation.base_url(os.environ, server_port())
    st.markdown("**Lien des participants** (le QR code de l'écran d'accueil y mène) :")
    st.code(invitation.participant_url(base, code), language=None)
    st.markdown("**Lien d'animation** (commandes : ne le projetez pas, ne le partagez pas) :")
    st.code(base + facilitator_path(code, secret), language=None)
    st.markdown("**Diaporama du Mode atelier avec le débat** :")
    st.code(base + deck_path(code, secret, region), language=None)
    if st.button("Ouvrir les commandes du débat", type="primary"):
        del st.session_state[CREATED]
        st.query_params.from_dict({CODE_PARAM: code, SECRET_PARAM: secret})
        st.rerun()


def authorised() -> tuple[str, str] | None:
    """(code, secret) when the URL's secret opens this debate; else the refusal and nothing else."""
    code = rules.normalise_code(st.query_params.get(CODE_PARAM, ""))
    secret = st.query_params.get(SECRET_PARAM, "")
    try:
        allowed = code is not None and bool(secret) and store().check_secret(code, secret)
    except UnknownDebate:  # said the same way as a wrong secret: a link never tells which codes exist
        allowed = False
    if not allowed:
        st.error(REFUSED_SECRET)
        return None
    return code, secret


def state_of(debate: Debate, question_id: str) -> str:
    parts = ["ouverte" if debate.open_question == question_id else ("fermée" if question_id in debate.closed else "pas encore posée")]
    if question_id in debate.revealed:
        parts.append("résultats révélés")
    return ", ".join(parts)


def next_question(debate: Debate, current: str) -> str | None:
    ids = list(debate.question_ids)
    later = ids[ids.index(current) + 1 :] if current in ids else ids
    return later[0] if later else None


def open_next(code: str, secret: str, question_id: str) -> None:
    act(store().open_question, code, secret, question_id)
    st.session_state[SHOWN_QUESTION] = question_id


def controls(ds: Dataset, debate: Debate, secret: str, current: Question) -> None:
    code = debate.code
    following = next_question(debate, current.id)
    row = st.container(key="controls").columns(4)
    if debate.open_question == current.id:
        row[0].button("Fermer la question", on_click=act, args=(store().close_question, code, secret, current.id), width="stretch")
    else:
        row[0].button("Ouvrir cette question", on_click=open_next, args=(code, secret, current.id), width="stretch")
    shown = current.id in debate.revealed
    row[1].button(
        "Cacher les résultats" if shown else "Révéler les résultats",
        on_click=act,
        args=(store().reveal, code, secret, current.id, not shown),
        type="secondary" if shown else "primary",
        width="stretch",
    )
    row[2].button(
        "Ouvrir la question suivante", on_click=open_next, args=(code, secret, following or ""), disabled=following is None, width="stretch"
    )
    row[3].button(
        "Remettre à zéro",
        on_click=act,
        args=(store().reset_question, code, secret, current.id),
        width="stretch",
        help="Efface les réponses à cette question.",
    )


def moderation(debate: Debate, secret: str, question: Question) -> None:
    """Open answers, every one with a button to hide or show it on the projected results."""
    texts = store().texts(debate.code, question.id, include_hidden=True)
    with st.expander(f"Modérer les réponses ({len(texts)})", expanded=False):
        if not texts:
            st.markdown("Aucune réponse pour l'instant.")
        for text in texts:
            words, button = st.columns([5, 1], vertical_alignment="center")
            words.markdown(("~~" + md(text.text) + "~~ *(masquée)*") if text.hidden else md(text.text))
            button.button(
                "Montrer" if text.hidden else "Masquer",
                key=f"hide-{text.id}",
                on_click=act,
                args=(store().hide_answer, debate.code, secret, text.id, not text.hidden),
                width="stretch",
            )


def after_session(ds: Dataset, debate: Debate, secret: str) -> None:
    """Exports and deletion (with a confirmation)."""
    with st.expander("Après la séance : exporter, supprimer", expanded=False):
        left, right = st.columns(2)
        left.download_button(
            "Réponses (CSV)",
            data=lambda: export.csv_bytes(store().export(debate.code, secret)),
            file_name=f"debat-{debate.code}.csv",
            mime="text/csv",
            on_click="ignore",
        )
        right.download_button(
            "Paquet de données (zip Frictionless)",
            data=lambda: export.package_zip(
                debate, store().export(debate.code, secret), question_list(ds, debate), place=region_name(ds, debate)
            ),
            file_name=f"debat-{debate.code}.zip",
            mime="application/zip",
            on_click="ignore",
        )
        sure = st.checkbox("Je veux supprimer ce débat et toutes ses réponses", key=CONFIRM_DELETE)
        st.button("Supprimer définitivement", type="primary", disabled=not sure, on_click=delete, args=(debate.code, secret))


def delete(code: str, secret: str) -> None:
    try:
        store().delete(code, secret)
    except StoreUnavailable:
        flash(UNAVAILABLE)
        return
    except DebateError as error:
        flash(str(error))
        return
    st.session_state.pop(CONFIRM_DELETE, None)
    st.query_params.clear()
    flash("Débat supprimé, avec toutes ses réponses.", "success")


def shown_question(debate: Debate, asked: list[Question]) -> Question:
    """The question on screen: the one picked, else the open one, else the first."""
    ids = [q.id for q in asked]
    picked = st.session_state.get(SHOWN_QUESTION)
    if picked not in ids:
        picked = debate.open_question if debate.open_question in ids else ids[0]
    st.session_state[SHOWN_QUESTION] = picked
    choice = st.selectbox(
        "Question à l'écran",
        ids,
        key=SHOWN_QUESTION,
        format_func=lambda q: f"{ids.index(q) + 1}. {asked[ids.index(q)].label} ({state_of(debate, q)})",
    )
    return asked[ids.index(choice)]


def dashboard(ds: Dataset, code: str, secret: str) -> None:
    debate = store().get(code)
    asked = question_list(ds, debate)
    st.markdown(f"# {md(debate.title)} · {md(region_name(ds, debate))}")
    show_flash()
    if st.toggle("Afficher le code et le QR code", value=True, key="show-join"):
        join_block(debate.code)
    if not asked:
        st.warning("Ce débat n'a aucune question connue du jeu de données.")
        return
    st.divider()
    current = shown_question(debate, asked)
    st.markdown(f"## {md(current.wording)}")
    controls(ds, debate, secret, current)
    live_block(ds, Live(debate.code, current, debate.region, show_results=True))
    if current.kind == "open":
        moderation(debate, secret, current)
    after_session(ds, debate, secret)


def facilitator(ds: Dataset) -> None:
    """/animer: without a code, create a debate; with one, its controls if the secret is right."""
    if CREATED in st.session_state:
        created_links()
    elif CODE_PARAM not in st.query_params and SECRET_PARAM not in st.query_params:
        create_form(ds)
    else:
        found = authorised()
        if found:
            dashboard(ds, *found)
