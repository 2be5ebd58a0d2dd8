"""What the projector shows of the live debate, in the Mode atelier's deck (odd17.debate.deck): join, question, results.

The count refreshes itself (st.fragment(run_every=...)) on these screens only; phones never poll.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from odd17 import workshop
from odd17.dataset import Dataset
from odd17.debate import deck as debate_deck
from odd17.debate import invitation, rules, tallies
from odd17.debate.errors import DebateError, UnknownDebate
from odd17.debate.questions import Question, by_id
from odd17.formats import NBSP
from odd17.formats import escape_markdown as md
from odd17.ui import data
from odd17.ui.debate import (
    DECK_PARAM,
    REFRESH_S,
    SECRET_PARAM,
    UNAVAILABLE,
    act,
    guarded,
    participant_link,
    presenter_style,
    question_list,
    store,
)


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
    extra = debate_deck.debate_slides(ds, debate.region, debate.code, question_list(ds, debate))
    return [extra[0], *story[:-1], *extra[1:], story[-1]], None
