"""The phone's screen (/participer): the code form, then the open question and one large button per answer."""

from __future__ import annotations

import streamlit as st

from odd17.dataset import Dataset
from odd17.debate import rules
from odd17.debate.errors import DebateError, Refused, StoreUnavailable, UnknownDebate
from odd17.debate.questions import Question, by_id
from odd17.debate.store import Debate
from odd17.formats import escape_markdown as md
from odd17.ui.debate import CODE_PARAM, UNAVAILABLE, device_token, flash, show_flash, store

PHONE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer {display: none !important;}
.stMainBlockContainer {padding: 1rem 1rem 4rem 1rem !important; max-width: 640px !important;}
.stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer label p {font-size: 20px !important; line-height: 1.4 !important;}
.stMainBlockContainer h1 {font-size: 28px !important;}
.stMainBlockContainer h2 {font-size: 24px !important; line-height: 1.3 !important;}
.stMainBlockContainer .stButton button, .stMainBlockContainer .stFormSubmitButton button {min-height: 64px; width: 100%;
  border: 2px solid #1f4e79 !important; white-space: normal !important;}
.stMainBlockContainer .stButton button p, .stMainBlockContainer .stFormSubmitButton button p {font-size: 22px !important; font-weight: 600 !important;}
.stMainBlockContainer .stButton button[kind="primary"] {background: #1f4e79 !important; color: #fff !important;}
.stMainBlockContainer .stButton button[kind="primary"] p {color: #fff !important;}
.stMainBlockContainer input, .stMainBlockContainer textarea {font-size: 22px !important;}
.st-key-refresh .stButton button {border: none !important; min-height: 48px; background: transparent !important;}
.st-key-refresh .stButton button p {font-size: 18px !important; font-weight: 400 !important; text-decoration: underline; color: #1f4e79 !important;}
.st-key-debate-code input {font-size: 32px !important; letter-spacing: 0.3em; text-transform: uppercase; text-align: center;}
</style>
"""
ANSWERED = "_debate_answered"  # set by the answer's callback during this run
NO_COOKIE = (
    "Ce navigateur n'a pas gardé le petit fichier (cookie) qui compte une réponse par téléphone : "
    "autorisez les cookies pour ce site, puis rechargez la page. Il ne contient ni nom ni adresse."
)
TOO_MANY = "Trop de codes inconnus essayés depuis ce navigateur : réessayez dans une dizaine de minutes."
WAITING = "En attente de la prochaine question"


def phone_style() -> None:
    st.markdown(PHONE_CSS, unsafe_allow_html=True)


def go_to_code() -> None:
    typed = st.session_state.get("debate-code", "")
    st.query_params[CODE_PARAM] = rules.normalise_code(typed) or typed.strip()[:20]


def code_form(message: str | None) -> None:
    st.markdown("# Rejoindre le débat")
    if message:
        st.error(md(message))
    with st.form("join"):
        st.text_input("Code affiché à l'écran (6 caractères)", key="debate-code", max_chars=12, placeholder="K7M4QA")
        st.form_submit_button("Rejoindre", on_click=go_to_code, width="stretch")


def joined(token: str) -> Debate | None:
    """The debate named in the URL, or the form to type a code (with why the last one failed)."""
    raw = st.query_params.get(CODE_PARAM, "")
    if not raw.strip():
        code_form(None)
        return None
    code = rules.normalise_code(raw)
    if code is None:
        code_form(f"«\u00a0{raw.strip()[:20]}\u00a0» n'est pas un code de débat\u00a0: il a 6 caractères, lettres et chiffres.")
        return None
    try:
        return store().join(code, token)  # counts unknown codes: refused after a few from one browser
    except UnknownDebate:
        code_form(f"Aucun débat ne porte le code «\u00a0{code}\u00a0». Vérifiez-le à l'écran et retapez-le.")
    except Refused:
        st.error(TOO_MANY)
    return None


def record(code: str, question_id: str, token: str, choice: str | None = None, text: str | None = None) -> None:
    """Callback of an answer: straight to the store; what it says comes back as a message."""
    st.session_state[ANSWERED] = True
    try:
        store().answer(code, question_id, token, choice=choice, text=text)
    except StoreUnavailable:
        flash(UNAVAILABLE)
    except DebateError as error:
        flash(str(error))


def record_text(code: str, question_id: str, token: str, key: str) -> None:
    record(code, question_id, token, text=st.session_state.get(key, ""))


def unhandled_tap() -> bool:
    """Whether this run's tap still has to be recorded, because its callback did not run.

    Streamlit calls on_click only for a widget its session drew before. A phone's session is
    new after a server restart or on another replica (the page reconnects without reloading),
    so its first tap reaches the script as the button's return value alone: without this
    it would be dropped without a word.
    """
    return not st.session_state.pop(ANSWERED, False)


def choice_buttons(debate: Debate, question: Question, token: str, mine: str | None) -> None:
    handled = not unhandled_tap()
    tapped = None
    for index, option in enumerate(question.options):
        chosen = option == mine
        if st.button(
            ("✓ " if chosen else "") + option,
            key=f"option-{question.id}-{index}",
            type="primary" if chosen else "secondary",
            on_click=record,
            args=(debate.code, question.id, token),
            kwargs={"choice": option},
            width="stretch",
        ):
            tapped = option
    if tapped is not None and not handled:
        record(debate.code, question.id, token, choice=tapped)
        st.session_state.pop(ANSWERED, None)
        st.rerun()


def text_answer(debate: Debate, question: Question, token: str, mine: str | None) -> None:
    key = f"text-{question.id}"
    with st.form(f"form-{question.id}"):
        # No max_chars: a browser would cut a pasted text silently; the store refuses it with a
        # message instead, and the text stays here to be shortened.
        st.text_area(f"Votre réponse ({rules.MAX_TEXT} caractères au plus)", key=key, height=140, value=mine or "")
        handled = not unhandled_tap()
        sent = st.form_submit_button("Envoyer", on_click=record_text, args=(debate.code, question.id, token, key), width="stretch")
    if sent and not handled:  # see unhandled_tap
        record_text(debate.code, question.id, token, key)
        st.session_state.pop(ANSWERED, None)
        st.rerun()


def ballot(ds: Dataset, debate: Debate, token: str) -> None:
    """The open question and its answers, this phone's own answer marked; or the wait."""
    st.markdown(f"# {md(debate.title)}")
    show_flash()
    question = by_id(ds).get(debate.open_question or "")
    if question is None:
        st.info(f"{WAITING}.")
        st.button("Vérifier s'il y a une question", key="check-again", width="stretch")  # a click reruns: no polling
        return
    st.markdown(f"## {md(question.wording)}")
    mine = store().my_answer(debate.code, question.id, token)
    if question.kind == "open":
        text_answer(debate, question, token, mine)
    else:
        choice_buttons(debate, question, token, mine)
    if mine:
        shown = mine if len(mine) <= 80 else mine[:79] + "…"
        st.success(
            f"Réponse enregistrée : « {md(shown)} ». " + ("Touchez une autre réponse pour la changer." if question.kind != "open" else "")
        )
    st.divider()
    with st.container(key="refresh"):  # not an answer: looks like a link, not like the answer buttons
        st.button("Voir s'il y a une nouvelle question", key="check-next", type="tertiary", width="stretch")  # no polling on phones


def participant(ds: Dataset) -> None:
    token = device_token()
    if token is None:
        st.markdown("# Rejoindre le débat")
        st.error(NO_COOKIE)
        return
    found = joined(token)
    if found is not None:
        ballot(ds, found, token)
