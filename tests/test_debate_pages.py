"""The live debate's pages under AppTest, on a temporary SQLite store.

AppTest sends no cookies, so the browser's device token is handed in through
odd17.ui.debate.read_cookies (the one seam); everything else is the real page
and the real store.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from debatedb import asked
from hostile import PAYLOADS, unescape
from streamlit.testing.v1 import AppTest

from odd17.dataset import DATA_ENV, load
from odd17.debate import device, rules, tallies
from odd17.debate.errors import UnknownDebate
from odd17.debate.questions import by_id
from odd17.debate.store import Store
from odd17.ui import debate as ui
from odd17.ui import debate_facilitator as fac
from odd17.ui import debate_phone as phone
from odd17.ui import debate_slides as slides

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
PARTICIPANT = "pages/debat_participant.py"
FACILITATOR = "pages/debat_animateur.py"
CHOICE = "q7_accelerateur"
OPEN = "alliance_proche"
PHONE = "P" * 32
OTHER_PHONE = "Q" * 32


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("ODD17_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("ODD17_DATABASE_URL", raising=False)
    monkeypatch.setenv("ODD17_PUBLIC_URL", "https://debat.example.org")
    return Store()


@pytest.fixture
def cookies(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The cookies the next runs send: a phone's token unless a test changes it."""
    jar = {device.COOKIE: PHONE}
    monkeypatch.setattr(ui, "read_cookies", lambda: jar)
    return jar


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


@pytest.mark.parametrize("secret", [None, "", "wrong", "x" * 43])
def test_facilitator_refuses_a_wrong_or_missing_secret(store: Store, secret: str | None) -> None:
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    params = {"code": made.code} | ({"cle": secret} if secret is not None else {})
    at = open_page(FACILITATOR, **params)
    assert not at.exception
    assert errors(at) == fac.REFUSED_SECRET
    assert made.code not in markdown(at) and not at.button and not at.image  # nothing of the debate shown


def test_facilitator_refuses_an_unknown_code_the_same_way(store: Store) -> None:
    at = open_page(FACILITATOR, code="AAAAAA", cle="whatever")
    assert errors(at) == fac.REFUSED_SECRET and not at.button


def test_facilitator_with_the_secret_sees_code_qr_and_count(store: Store) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE, OPEN]))
    store.answer(made.code, CHOICE, PHONE, choice="Plutôt d'accord")
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    assert not at.exception and not at.error
    text = markdown(at)
    assert made.code in text and f"debat.example.org/participer?code={made.code}" in unescape(text)
    assert tallies.count_label(1) in text
    assert "Fermer la question" in labels(at) and "Révéler les résultats" in labels(at)


def test_facilitator_reveal_shows_the_comparison(store: Store, ds) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE]))
    for index, option in enumerate(["Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord"]):
        store.answer(made.code, CHOICE, str(index) * 32, choice=option)
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    button(at, "Révéler les résultats").click().run()
    assert CHOICE in store.get(made.code).revealed
    comparison = rules.comparison_lines(by_id(ds)[CHOICE], store.tally(made.code, CHOICE), ds, "52")
    assert all(line in unescape(markdown(at)) for line in comparison.lines)
    assert tallies.count_label(3) in markdown(at)


def test_facilitator_closes_and_opens_the_next_question(store: Store) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE, OPEN]))
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    button(at, "Fermer la question").click().run()
    assert store.get(made.code).open_question is None
    button(at, "Ouvrir la question suivante").click().run()
    assert store.get(made.code).open_question == OPEN
    assert not at.exception and not at.error


def test_facilitator_moderates_hostile_open_answers_shown_as_text(store: Store) -> None:
    made, secret = store.create("52", "Atelier", asked([OPEN]))
    for index, payload in enumerate(PAYLOADS.values()):
        store.answer(made.code, OPEN, f"{index:02d}" * 16, text=payload[:280])
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    button(at, "Révéler les résultats").click().run()
    texts = store.texts(made.code, OPEN)
    shown = [m.value for m in at.markdown]
    for text in texts:
        assert any(f"- {ui.md(text.text)}" in value for value in shown)  # escaped markdown, never raw
    assert all("<script>" not in value for value in shown)
    hidden = texts[0]
    button(at, "Masquer").click().run()  # the first answer's button
    assert [t.id for t in store.texts(made.code, OPEN)] == [t.id for t in texts if t.id != hidden.id]
    assert not any(ui.md(hidden.text) in value and value.startswith("- ") for value in [m.value for m in at.markdown])


def test_facilitator_creates_a_debate_and_sees_the_links_once(store: Store) -> None:
    at = open_page(FACILITATOR)
    at.text_input(key="create-title").set_value("Atelier de Nantes")
    at.selectbox(key="create-region").set_value("52")
    at.button[0].click().run()
    codes = [c.value for c in at.code]
    assert len(codes) == 3 and "/participer?code=" in codes[0] and "cle=" in codes[1] and "debat=" in codes[2]
    code = codes[0].rsplit("=", 1)[1]
    made = store.get(code)
    assert (made.title, made.region) == ("Atelier de Nantes", "52")
    button(at, "Ouvrir les commandes du débat").click().run()
    assert not at.code and made.code in markdown(at) and not at.error


def test_participant_votes_and_a_new_tap_replaces_the_answer(store: Store, cookies: dict, ds) -> None:
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    at = open_page(PARTICIPANT, code=made.code.lower())  # typed in lower case: still the debate
    assert labels(at)[:4] == list(by_id(ds)[CHOICE].options)
    button(at, "Plutôt d'accord").click().run()
    assert store.my_answer(made.code, CHOICE, PHONE) == "Plutôt d'accord"
    assert any("Réponse enregistrée" in s.value for s in at.success)
    button(at, "Pas du tout d'accord").click().run()
    tally = store.tally(made.code, CHOICE)
    assert tally.total == 1 and tally.counts["Pas du tout d'accord"] == 1
    assert "✓ Pas du tout d'accord" in labels(at)


def test_a_reload_gives_no_second_vote(store: Store, cookies: dict) -> None:
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    open_page(PARTICIPANT, code=made.code).button[1].click().run()
    again = open_page(PARTICIPANT, code=made.code)  # a new session (reload, new tab, QR scanned again)
    assert "✓ Plutôt d'accord" in labels(again)
    again.button[0].click().run()
    assert store.count(made.code, CHOICE) == 1
    cookies[device.COOKIE] = OTHER_PHONE
    open_page(PARTICIPANT, code=made.code).button[0].click().run()
    assert store.count(made.code, CHOICE) == 2


def test_participant_waits_when_no_question_is_open(store: Store, cookies: dict) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE]))
    store.close_question(made.code, secret, CHOICE)
    at = open_page(PARTICIPANT, code=made.code)
    assert [i.value for i in at.info] == [f"{phone.WAITING}."]
    assert labels(at) == ["Vérifier s'il y a une question"]
    store.open_question(made.code, secret, CHOICE)
    button(at, "Vérifier s'il y a une question").click().run()
    assert "Plutôt d'accord" in labels(at)


def test_a_closed_question_refuses_the_vote_with_a_message(store: Store, cookies: dict) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE]))
    at = open_page(PARTICIPANT, code=made.code)
    store.close_question(made.code, secret, CHOICE)  # closed while the phone still shows it
    button(at, "Plutôt d'accord").click().run()
    assert store.count(made.code, CHOICE) == 0
    assert errors(at) and not at.exception
    assert [i.value for i in at.info] == [f"{phone.WAITING}."]


def test_a_10000_character_answer_is_refused_with_a_message(store: Store, cookies: dict) -> None:
    made, _ = store.create("52", "Atelier", asked([OPEN]))
    at = open_page(PARTICIPANT, code=made.code)
    at.text_area(key=f"text-{OPEN}").set_value("x" * 10_000)
    button(at, "Envoyer").click().run()
    assert store.count(made.code, OPEN) == 0
    assert errors(at) and "280" in errors(at)
    at.text_area(key=f"text-{OPEN}").set_value("La Ruche de Nantes")
    button(at, "Envoyer").click().run()
    assert store.my_answer(made.code, OPEN, PHONE) == "La Ruche de Nantes" and not at.error


@pytest.mark.parametrize(
    ("typed", "message"), [("", None), ("K7", "n'est pas un code de débat"), ("AAAAAA", "Aucun débat ne porte le code")]
)
def test_participant_without_a_known_code_gets_the_form(store: Store, cookies: dict, typed: str, message: str | None) -> None:
    at = open_page(PARTICIPANT, **({"code": typed} if typed else {}))
    assert at.text_input(key="debate-code") is not None
    assert (message in unescape(errors(at))) if message else not at.error


def test_typing_the_code_joins(store: Store, cookies: dict) -> None:
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    at = open_page(PARTICIPANT)
    at.text_input(key="debate-code").set_value(" " + made.code[:3].lower() + "-" + made.code[3:])
    at.button[0].click().run()
    assert at.query_params["code"] == made.code and "Plutôt d'accord" in labels(at)


def test_unknown_codes_are_refused_after_a_few_tries(store: Store, cookies: dict) -> None:
    for _ in range(6):
        at = open_page(PARTICIPANT, code="AAAAAA")
    assert errors(at) == phone.TOO_MANY
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    assert errors(open_page(PARTICIPANT, code=made.code)) == phone.TOO_MANY  # even a right code, for a while
    cookies[device.COOKIE] = OTHER_PHONE
    assert not open_page(PARTICIPANT, code=made.code).error


def test_participant_without_a_cookie_cannot_vote(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui, "read_cookies", lambda: {device.COOKIE: "forged!"})
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    at = open_page(PARTICIPANT, code=made.code)
    assert errors(at) == phone.NO_COOKIE and not at.button


def test_deck_gains_the_debate_slides_with_the_secret_only(store: Store) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE, OPEN]))
    at = open_page("pages/atelier.py", atelier="1", region="52", debat=made.code, cle=secret, diapo="1")
    assert not at.exception and "Rejoignez le débat" in markdown(at) and made.code in markdown(at)
    refused = open_page("pages/atelier.py", atelier="1", region="52", debat=made.code, cle="faux", diapo="1")
    assert next(w.value for w in refused.warning) == ui.md(slides.DECK_REFUSED)
    assert "Rejoignez le débat" not in markdown(refused)


def test_a_comparable_question_puts_france_beside_the_room(store: Store, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No bundled question is comparable yet (the carnet gives no scale): a copy where Q7 is shows the France line."""
    table = data_copy / "debate_questions.csv"
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows.loc[rows["id"] == CHOICE, "comparable"] = "true"
    rows.to_csv(table, index=False, lineterminator="\n")
    monkeypatch.setenv(DATA_ENV, str(data_copy))
    ds = load(data_copy)
    local = Store(None, ds)
    made, secret = local.create("53", "Atelier", asked([CHOICE]))
    for index, option in enumerate(["Tout à fait d'accord", "Plutôt d'accord", "Pas du tout d'accord"]):
        local.answer(made.code, CHOICE, str(index) * 32, choice=option)
    local.reveal(made.code, secret, CHOICE)
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    lines = rules.comparison_lines(by_id(ds)[CHOICE], local.tally(made.code, CHOICE), ds, "53").lines
    shown = unescape(markdown(at))
    assert any(line.startswith("France") and "74" in line for line in lines)
    assert all(line in shown for line in lines) and not at.exception


def test_facilitator_deletes_after_confirming(store: Store) -> None:
    made, secret = store.create("52", "Atelier", asked([CHOICE]))
    store.answer(made.code, CHOICE, PHONE, choice="Plutôt d'accord")
    at = open_page(FACILITATOR, code=made.code, cle=secret)
    assert button(at, "Supprimer définitivement").disabled  # not before the box is ticked
    at.checkbox(key=fac.CONFIRM_DELETE).check().run()
    button(at, "Supprimer définitivement").click().run()
    with pytest.raises(UnknownDebate):
        store.get(made.code)
    assert any("supprimé" in s.value for s in at.success) and not at.exception


def test_every_slide_of_a_debate_deck_renders_with_the_study_deck(store: Store) -> None:
    """The debate's slides sit in the same deck as the study's charts and map: each one draws without an error."""
    made, secret = store.create("52", "Atelier", asked([CHOICE, OPEN]))
    first = open_page("pages/atelier.py", atelier="1", region="52", debat=made.code, cle=secret, diapo="1")
    count = int(re.search(r"diapositive 1/(\d+)", "\n".join(c.value for c in first.caption)).group(1))
    for number in range(1, count + 1):
        at = open_page("pages/atelier.py", atelier="1", region="52", debat=made.code, cle=secret, diapo=str(number))
        assert not at.exception and not at.error, number


def test_a_phone_retries_by_itself_once_the_database_is_back(store: Store, cookies: dict[str, str], tmp_path: Path) -> None:
    made, _ = store.create("52", "Atelier", asked([CHOICE]))
    state, away = tmp_path / "state", tmp_path / "away"
    at = open_page(PARTICIPANT, code=made.code)  # the page's store has been used: it will not make a new file
    state.rename(away)  # the SQLite folder is gone: the store is unavailable, nothing is recreated
    at.run()
    assert errors(at) == ui.UNAVAILABLE and [b.label for b in at.button] == ["Réessayer"]
    away.rename(state)
    at.button(key="retry-store").click().run()
    assert not at.error and len(at.button) == len(by_id(load())[CHOICE].options) + 1  # the answers, and « check again »
