"""The live debate's screens: the phone's ballot, the facilitator's controls, the projected parts.

The only place where the debate meets Streamlit. Votes go straight to the store
(odd17.debate.store), never only into st.session_state: a phone's websocket
drops and comes back. Phones never poll; only the presenter's count refreshes
itself (st.fragment(run_every=...)). Text typed by participants or read from
data goes through escape_markdown; the only HTML is our own CSS and the QR SVG
that segno draws (paths only, no text).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from odd17 import device, invitation, tallies, workshop
from odd17.dataset import Dataset
from odd17.debate import export, rules
from odd17.debate.errors import DebateError, Refused, StoreUnavailable, UnknownDebate
from odd17.debate.questions import Question, by_id, questions
from odd17.debate.store import Debate, Store
from odd17.formats import NBSP
from odd17.formats import escape_markdown as md
from odd17.regions import names, options
from odd17.ui import data

CODE_PARAM = "code"
SECRET_PARAM = "cle"
DECK_PARAM = "debat"
REFRESH_S = 2  # the presenter's count: within 3 s of a tap, one small query per refresh
FLASH = "_debate_flash"
CREATED = "_debate_created"
CONFIRM_DELETE = "_debate_confirm_delete"
SHOWN_QUESTION = "_debate_question"
ANSWERED = "_debate_answered"  # set by the answer's callback during this run
UNAVAILABLE = (
    "Le débat est momentanément indisponible : la base des réponses ne répond pas. "
    "Réessayez dans un instant ; les pages de l'étude restent consultables."
)
NO_COOKIE = (
    "Ce navigateur n'a pas gardé le petit fichier (cookie) qui compte une réponse par téléphone : "
    "autorisez les cookies pour ce site, puis rechargez la page. Il ne contient ni nom ni adresse."
)
TOO_MANY = "Trop de codes inconnus essayés depuis ce navigateur : réessayez dans une dizaine de minutes."
WAITING = "En attente de la prochaine question"
REFUSED_SECRET = (
    "Accès refusé : ce lien d'animation est incomplet ou sa clé est fausse. Seul le lien donné à la création du débat ouvre ses commandes."
)
# Phones: one large button per answer (≥ 48 px tap targets, 22 px type), no sidebar, no Streamlit menu.
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
# The facilitator's and the projected screens: no sidebar; the join code and count huge.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer {display: none !important;}
.stMainBlockContainer {padding-top: 1.5rem !important;}
/* The count refreshes every few seconds: never fade the projected slide while it does. */
.stMainBlockContainer [data-stale="true"], .stMainBlockContainer [data-stale="true"] * {opacity: 1 !important; transition: none !important;}
[class*="st-key-join-code"] p {font-size: 200px !important; font-weight: 800 !important; letter-spacing: 0.08em;
  line-height: 1 !important; font-family: "DejaVu Sans Mono", "Consolas", monospace !important; color: #000 !important;}
[class*="st-key-join-link"] p {font-size: 36px !important; font-weight: 600 !important; color: #000 !important; overflow-wrap: anywhere;}
[class*="st-key-live-count"] p {font-size: 72px !important; font-weight: 800 !important; line-height: 1.1 !important; color: #000 !important;}
[class*="st-key-corner-code"] {position: fixed !important; top: 0.5rem; right: 1.5rem; z-index: 999; background: #fff;
  border: 3px solid #000; padding: 0.25rem 1rem !important; width: auto !important;}
[class*="st-key-corner-code"] p {font-size: 56px !important; letter-spacing: 0.05em; font-weight: 800 !important; margin: 0 !important; color: #000 !important;}
[class*="st-key-comparison"] p {font-size: 32px !important; line-height: 1.35 !important; color: #000 !important;}
[class*="st-key-options"] li, [class*="st-key-options"] p {font-size: 36px !important; color: #000 !important;}
[class*="st-key-controls"] .stButton button {min-height: 56px;}
[class*="st-key-controls"] .stButton button p {font-size: 20px !important; font-weight: 600 !important;}
[class*="st-key-open-texts"] li, [class*="st-key-open-texts"] p {font-size: 30px !important; color: #000 !important;}
</style>
"""


# --- shared -------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def cached_store(url: str, state_dir: str) -> Store:
    """One store (and its connection pool) per process and database; both come from the environment."""
    return Store(url or None)


def store() -> Store:
    return cached_store(os.environ.get("ODD17_DATABASE_URL", ""), os.environ.get("ODD17_STATE_DIR", ""))


def read_cookies() -> Mapping[str, str]:
    """The request's cookies (a seam: AppTest cannot send any)."""
    return st.context.cookies


def device_token() -> str | None:
    """This browser's token from its cookie (set by odd17.device.DeviceCookie), or None."""
    token = read_cookies().get(device.COOKIE)
    return token if device.valid(token) else None


def flash(message: str, kind: str = "error") -> None:
    """A message for the next run (after a callback), shown once."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH, (None, None))
    if message:
        (st.success if kind == "success" else st.error)(md(message))


def guarded(action: Callable[[], None]) -> None:
    """Run a screen; the store's French errors become a message instead of a traceback."""
    try:
        action()
    except StoreUnavailable:
        st.error(UNAVAILABLE)
        # A tap reruns the screen: once the database is back it shows again, with nothing to reload.
        st.button("Réessayer", key="retry-store", type="primary")
    except DebateError as error:
        st.error(md(str(error)))


def region_name(ds: Dataset, debate: Debate) -> str:
    return names(ds.regions).get(debate.region, debate.region)


def question_list(ds: Dataset, debate: Debate) -> list[Question]:
    known = by_id(ds)
    return [known[q] for q in debate.question_ids if q in known]


# --- participant (phone) ------------------------------------------------------------------------


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


# --- facilitator --------------------------------------------------------------------------------


def presenter_style() -> None:
    st.markdown(PRESENTER_CSS, unsafe_allow_html=True)


def server_port() -> int:
    return int(st.get_option("server.port") or 8501)


def participant_link(code: str) -> str:
    return invitation.participant_url(invitation.base_url(os.environ, server_port()), code)


def facilitator_path(code: str, secret: str) -> str:
    return f"/animer?{CODE_PARAM}={code}&{SECRET_PARAM}={secret}"


def deck_path(code: str, secret: str, region: str) -> str:
    return f"/mode-atelier?atelier=1&region={region}&{DECK_PARAM}={code}&{SECRET_PARAM}={secret}"


def join_block(code: str, qr_width: int = 520) -> None:
    """The join slide's content: the short code in huge type beside the QR of the participant link."""
    link = participant_link(code)
    text, qr = st.columns([3, 2], vertical_alignment="center")
    with text:
        st.markdown("## Sur votre téléphone, scannez le QR code ou tapez le code :")
        with st.container(key="join-code"):
            st.markdown(code)
        with st.container(key="join-link"):
            st.markdown(md(link.split("://", 1)[-1]))  # what a phone's address bar needs, without the scheme
    qr.image(invitation.qr_svg(link), width=qr_width)


def create(region: str, title: str, chosen: list[str]) -> None:
    if not chosen:
        flash("Choisissez au moins une question.")
        return
    try:
        debate, secret = store().create(region, title.strip() or "Débat ODD 17", chosen)
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


def act(action: Callable[..., object], *args: object) -> None:
    """A facilitator's button: the store checks the secret again; a refusal becomes a message."""
    try:
        action(*args)
    except StoreUnavailable:
        flash(UNAVAILABLE)
    except DebateError as error:  # Forbidden on a wrong secret, Refused, UnknownDebate
        flash(str(error))


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


@dataclass(frozen=True)
class Live:
    """What the self-refreshing part of a presenter screen needs."""

    code: str
    question: Question
    region: str
    show_results: bool


def live_block(ds: Dataset, live: Live) -> None:
    """Count, then (once revealed) the distribution beside the study: refreshed every REFRESH_S seconds."""

    @st.fragment(run_every=REFRESH_S)
    def refreshed() -> None:
        try:
            shown = store().get(live.code)
        except UnknownDebate:
            st.error("Ce débat n'existe plus : il a été supprimé.")
            return
        except DebateError:
            st.error(UNAVAILABLE)
            return
        with st.container(key="live-count"):
            st.markdown(tallies.count_label(store().count(live.code, live.question.id)))
        if live.show_results and live.question.id in shown.revealed:
            results(ds, live.code, live.question, live.region)
        elif live.show_results:
            st.markdown("*Résultats masqués jusqu'à ce que l'animateur les révèle.*")

    refreshed()


def results(ds: Dataset, code: str, question: Question, region: str) -> None:
    """The room's distribution beside the study's figure, or its moderated open answers."""
    if question.kind == "open":
        texts = store().texts(code, question.id)
        with st.container(key="open-texts"):
            st.markdown("\n".join(f"- {md(t.text)}" for t in texts) if texts else "Aucune réponse affichée.")
        return
    tally = store().tally(code, question.id)
    chart, words = st.columns([3, 2], gap="large")
    chart.altair_chart(tallies.room_chart(tally.counts, "La salle"), width="stretch")
    comparison = rules.comparison_lines(question, tally, ds, region)
    with words.container(key="comparison"):
        room, *study = comparison.lines
        st.markdown("\n\n".join([f"**{md(room)}**", *(md(line) for line in study)]))


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


# --- the Mode atelier's debate slides (odd17.workshop.debate_slides) ------------------------------


def deck_debate() -> tuple[str, str] | None:
    """(code, secret) of the debate the deck's URL names, when its secret is right; else None."""
    code = rules.normalise_code(st.query_params.get(DECK_PARAM, ""))
    secret = st.query_params.get(SECRET_PARAM, "")
    if code is None or not secret:
        return None
    try:
        return (code, secret) if store().check_secret(code, secret) else None
    except DebateError:
        return None


def corner_code(code: str) -> None:
    with st.container(key="corner-code"):
        st.markdown(f"Code{NBSP}: {code}")


def slide_join(rows, _region_name: str) -> None:
    presenter_style()
    join_block(str(rows.iloc[0]["code"]), qr_width=700)  # about 21 px a module: scanned from the back row


def deck_question(rows) -> tuple[tuple[str, str] | None, Question | None]:
    row = rows.iloc[0]
    presenter_style()
    corner_code(str(row["code"]))
    found = deck_debate()
    return (found if found and found[0] == row["code"] else None), by_id(data.dataset()).get(str(row["question"]))


def slide_question(rows, _region_name: str) -> None:
    """Opens the question when the deck reaches it; its wording, then the count as it grows."""

    def show() -> None:
        found, question = deck_question(rows)
        if found is None or question is None:
            return
        st.markdown(f"## {md(question.wording)}")
        if question.options:  # the answers, so the room reads them on the screen too
            with st.container(key="options"):
                st.markdown("\n".join(f"- {md(option)}" for option in question.options))
        if store().get(found[0]).open_question != question.id:
            act(store().open_question, *found, question.id)
        live_block(data.dataset(), Live(found[0], question, "", show_results=False))

    guarded(show)


def slide_results(rows, _region_name: str) -> None:
    """Closes the question and reveals its results when the deck reaches them (one remote drives all)."""

    def show() -> None:
        found, question = deck_question(rows)
        if found is None or question is None:
            return
        debate = store().get(found[0])
        if debate.open_question == question.id:
            act(store().close_question, *found, question.id)
        if question.id not in debate.revealed:
            act(store().reveal, *found, question.id, True)
        st.markdown(f"## {md(question.wording)}")
        live_block(data.dataset(), Live(found[0], question, debate.region, show_results=True))

    guarded(show)


DECK_REFUSED = "Lien du débat refusé (clé absente ou fausse) : le diaporama s'affiche sans le débat."


def deck(ds: Dataset, story: list[workshop.Slide]) -> tuple[list[workshop.Slide], str | None]:
    """The deck with the debate's slides when its URL names one with the right secret:
    the join slide first, then the study, then per question study → question → results, then the sources."""
    if DECK_PARAM not in st.query_params:
        return story, None
    found = deck_debate()
    if found is None:
        return story, DECK_REFUSED
    debate = store().get(found[0])
    extra = workshop.debate_slides(ds, debate.region, debate.code, question_list(ds, debate))
    return [extra[0], *story[:-1], *extra[1:], story[-1]], None
