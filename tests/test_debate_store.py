"""odd17.debate.store on real databases: every test runs on a SQLite file AND on PostgreSQL.

Behaviour (create, open, close, reveal, moderate, reset, delete, answers), mischief
(wrong secrets, unknown-code throttling, hostile text, no token in the database),
purge, concurrency through real connections and two Store instances (two replicas),
and the database going away and coming back.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from debatedb import asked, sqlite_url
from hostile import PAYLOADS

from odd17.debate import rules
from odd17.debate.errors import Forbidden, Refused, StoreUnavailable, UnknownDebate
from odd17.debate.store import Debate, Receipt, Store, metadata, migrate, sqlite_engine

Q7, MOVE, ERA, OPEN = "q7_accelerateur", "mouvement_suffisant", "quatrieme_ere", "alliance_proche"
AGREE = ("Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord")
QUESTIONS = [Q7, MOVE, OPEN]


@pytest.fixture
def debate(store: Store) -> tuple[Debate, str]:
    return store.create("53", "Atelier de Rennes", asked(QUESTIONS))


def snapshot(store: Store, code: str) -> tuple:
    """Everything a facilitator action could change."""
    return store.get(code), store.export_rows(code), [store.texts(code, q, include_hidden=True) for q in QUESTIONS]


def all_cells(store: Store) -> str:
    """Every value of every table, as text: what an attacker reading the database would see."""
    with store.engine.connect() as connection:
        return repr([list(connection.execute(sa.select(table))) for table in metadata.sorted_tables])


# -- creating ----------------------------------------------------------------------------


def test_a_new_debate_has_a_code_a_secret_and_its_first_question_open(store: Store) -> None:
    before = datetime.now(UTC)
    debate, secret = store.create("53", "  Atelier   de Rennes ", asked(QUESTIONS))
    assert rules.normalise_code(debate.code) == debate.code
    assert (debate.title, debate.region, debate.question_ids) == ("Atelier de Rennes", "53", tuple(QUESTIONS))
    assert (debate.open_question, debate.revealed, debate.closed) == (Q7, frozenset(), frozenset())
    assert before - timedelta(seconds=5) <= debate.created_at <= datetime.now(UTC) and debate.created_at.utcoffset() == timedelta(0)
    assert len(secret) >= 40 and store.check_secret(debate.code, secret) and not store.check_secret(debate.code, secret[:-1])
    assert store.get(debate.code.lower()) == debate == store.get("-".join((debate.code[:3], debate.code[3:])))


def test_an_empty_title_gets_the_default(store: Store) -> None:
    assert store.create("FR", "", asked([ERA]))[0].title == "Débat ODD 17"


@pytest.mark.parametrize(
    ("title", "ids", "message"),
    [
        ("", [], "Choisissez au moins une question."),
        ("x" * 121, [Q7], "Titre trop long : 120 caractères au plus."),
    ],
)
def test_create_refuses_bad_input_in_french(store: Store, title: str, ids: list[str], message: str) -> None:
    with pytest.raises(Refused) as refused:
        store.create("FR", title, asked(ids))
    assert str(refused.value) == message


@pytest.mark.parametrize("code", ["AAAAAA", "ACD34", "", None, "'; DROP TABLE debates; --"])
def test_an_unknown_code_raises_unknown_debate(store: Store, debate, code) -> None:
    with pytest.raises(UnknownDebate) as unknown:
        store.get(code)
    assert str(unknown.value) == "Aucun débat ne porte ce code. Vérifiez les six caractères affichés à l'écran."


# -- the facilitator's controls ---------------------------------------------------------


def test_opening_a_question_closes_the_open_one(store: Store, debate) -> None:
    d, secret = debate
    store.open_question(d.code, secret, MOVE)
    assert (store.get(d.code).open_question, store.get(d.code).closed) == (MOVE, frozenset({Q7}))
    store.open_question(d.code, secret, Q7)  # re-opened: no longer closed
    assert (store.get(d.code).open_question, store.get(d.code).closed) == (Q7, frozenset({MOVE}))
    store.close_question(d.code, secret, Q7)
    assert (store.get(d.code).open_question, store.get(d.code).closed) == (None, frozenset({Q7, MOVE}))


def test_reveal_and_hide_results(store: Store, debate) -> None:
    d, secret = debate
    store.reveal(d.code, secret, Q7)
    store.reveal(d.code, secret, MOVE)
    assert store.get(d.code).revealed == {Q7, MOVE}
    store.reveal(d.code, secret, Q7, shown=False)
    assert store.get(d.code).revealed == {MOVE}


@pytest.mark.parametrize("action", ["open", "close", "reveal", "reset"])
def test_actions_on_a_question_outside_the_debate_are_refused(store: Store, debate, action: str) -> None:
    d, secret = debate
    call = {"open": store.open_question, "close": store.close_question, "reveal": store.reveal, "reset": store.reset_question}[action]
    with pytest.raises(Refused, match=r"Cette question ne fait pas partie du débat\."):
        call(d.code, secret, ERA)


def test_reset_forgets_one_question_and_hides_its_results(store: Store, debate) -> None:
    d, secret = debate
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.reveal(d.code, secret, Q7)
    store.reset_question(d.code, secret, Q7)
    assert store.tally(d.code, Q7) == rules.Tally(Q7, dict.fromkeys(AGREE, 0), 0)
    assert Q7 not in store.get(d.code).revealed and store.get(d.code).open_question == Q7
    assert store.answer(d.code, Q7, "phone-1", choice=AGREE[1]).replaced is False


def test_delete_removes_the_debate_and_its_answers(store: Store, debate) -> None:
    d, secret = debate
    other, _ = store.create("FR", "Autre", asked([Q7]))
    token = rules.new_device_token()  # unique: the PostgreSQL database is shared by the session's tests
    store.answer(d.code, Q7, token, choice=AGREE[0])
    store.answer(other.code, Q7, token, choice=AGREE[0])
    store.delete(d.code, secret)
    with pytest.raises(UnknownDebate):
        store.get(d.code)
    assert store.count(other.code, Q7) == 1 and rules.device_key(token) in all_cells(store)
    store.delete_admin(other.code)
    assert rules.device_key(token) not in all_cells(store) and d.code not in all_cells(store)


# -- answering ---------------------------------------------------------------------------


def test_a_new_answer_from_the_same_device_replaces_the_earlier_one(store: Store, debate) -> None:
    d, _ = debate
    assert store.answer(d.code, Q7, "phone-1", choice=AGREE[2]) == Receipt(participant=1, replaced=False)
    assert store.answer(d.code, Q7, "phone-2", choice=AGREE[0]) == Receipt(participant=2, replaced=False)
    assert store.answer(d.code, Q7, "phone-1", choice=AGREE[0]) == Receipt(participant=1, replaced=True)
    assert store.tally(d.code, Q7) == rules.Tally(Q7, {AGREE[0]: 2, AGREE[1]: 0, AGREE[2]: 0, AGREE[3]: 0}, 2)
    assert (store.count(d.code, Q7), store.my_answer(d.code, Q7, "phone-1"), store.my_answer(d.code, Q7, "phone-3")) == (2, AGREE[0], None)


def test_a_participant_keeps_one_number_across_questions(store: Store, debate) -> None:
    d, secret = debate
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.open_question(d.code, secret, MOVE)
    assert store.answer(d.code, MOVE, "phone-2", choice="Non").participant == 2
    assert store.answer(d.code, MOVE, "phone-1", choice="Oui").participant == 1


@pytest.mark.parametrize(
    ("question", "choice", "text", "message"),
    [
        (MOVE, "Oui", None, "Cette question n'est pas ouverte : les réponses sont closes."),
        (ERA, "Oui", None, "Cette question n'est pas ouverte : les réponses sont closes."),
        (Q7, "D'accord", None, "Cette réponse ne fait pas partie des choix proposés."),
        (Q7, None, "Tout à fait d'accord", "Cette réponse ne fait pas partie des choix proposés."),
    ],
)
def test_refused_answers_change_nothing(store: Store, debate, question: str, choice, text, message: str) -> None:
    d, _ = debate
    with pytest.raises(Refused) as refused:
        store.answer(d.code, question, "phone-1", choice=choice, text=text)
    assert str(refused.value) == message
    assert store.export_rows(d.code) == []


def test_a_closed_question_refuses_votes_and_keeps_the_earlier_ones(store: Store, debate) -> None:
    d, secret = debate
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.close_question(d.code, secret, Q7)
    with pytest.raises(Refused, match="n'est pas ouverte"):
        store.answer(d.code, Q7, "phone-1", choice=AGREE[3])
    assert store.my_answer(d.code, Q7, "phone-1") == AGREE[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 10_000, "Réponse trop longue : 280 caractères au plus (vous en avez écrit 10000)."),
        ("é" * 281, "Réponse trop longue : 280 caractères au plus (vous en avez écrit 281)."),
        ("   \n ", "Écrivez une réponse avant de l'envoyer."),
        (None, "Écrivez une réponse avant de l'envoyer."),
    ],
)
def test_open_answers_too_long_or_empty_are_refused_in_french(store: Store, debate, text, message: str) -> None:
    d, secret = debate
    store.open_question(d.code, secret, OPEN)
    with pytest.raises(Refused) as refused:
        store.answer(d.code, OPEN, "phone-1", text=text)
    assert str(refused.value) == message
    assert store.texts(d.code, OPEN, include_hidden=True) == []


@pytest.mark.parametrize("token", ["", "   ", None, "x" * 513])
def test_a_missing_or_absurd_device_token_is_refused(store: Store, debate, token) -> None:
    with pytest.raises(Refused, match="Votre navigateur n'a pas pu être reconnu"):
        store.answer(debate[0].code, Q7, token, choice=AGREE[0])


def test_hostile_text_is_stored_verbatim(store: Store, debate) -> None:
    d, secret = debate
    store.open_question(d.code, secret, OPEN)
    payloads = [p[: rules.MAX_TEXT] for p in PAYLOADS.values()] + [
        "'); DROP TABLE answers; --",
        "a\x00b" if store.dialect == "sqlite" else "a\\0b",
        "x" * 280,
    ]
    for i, payload in enumerate(payloads):
        store.answer(d.code, OPEN, f"phone-{i}", text=payload)
    assert [t.text for t in store.texts(d.code, OPEN)] == payloads


def test_moderation_hides_a_text_even_after_its_author_rewrites_it(store: Store, debate) -> None:
    d, secret = debate
    store.open_question(d.code, secret, OPEN)
    store.answer(d.code, OPEN, "phone-1", text="La recyclerie du quartier")
    store.answer(d.code, OPEN, "phone-2", text="insulte")
    rude = store.texts(d.code, OPEN)[1]
    store.hide_answer(d.code, secret, rude.id)
    store.answer(d.code, OPEN, "phone-2", text="insulte encore")
    assert [t.text for t in store.texts(d.code, OPEN)] == ["La recyclerie du quartier"]
    assert [(t.text, t.hidden) for t in store.texts(d.code, OPEN, include_hidden=True)] == [
        ("La recyclerie du quartier", False),
        ("insulte encore", True),
    ]
    store.hide_answer(d.code, secret, rude.id, hidden=False)
    assert len(store.texts(d.code, OPEN)) == 2
    with pytest.raises(Refused, match=r"Cette réponse n'existe pas dans ce débat\."):
        store.hide_answer(d.code, secret, 10**9)


# -- mischief: the facilitator's secret ---------------------------------------------------

ACTIONS: dict[str, Callable] = {
    "open": lambda s, code, key: s.open_question(code, key, MOVE),
    "close": lambda s, code, key: s.close_question(code, key, Q7),
    "reveal": lambda s, code, key: s.reveal(code, key, Q7),
    "moderate": lambda s, code, key: s.hide_answer(code, key, s.texts(code, OPEN)[0].id),
    "reset": lambda s, code, key: s.reset_question(code, key, Q7),
    "export": lambda s, code, key: s.export(code, key),
    "delete": lambda s, code, key: s.delete(code, key),
}
WRONG_KEYS = {
    "missing": lambda secret, other: None,
    "empty": lambda secret, other: "",
    "altered": lambda secret, other: secret[:-1] + "x",
    "other debate's": lambda secret, other: other,
}


@pytest.mark.parametrize("key", WRONG_KEYS)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_facilitator_action_needs_the_secret_and_changes_nothing_without_it(store: Store, debate, action: str, key: str) -> None:
    d, secret = debate
    _, other_secret = store.create("FR", "Autre", asked(QUESTIONS))
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.open_question(d.code, secret, OPEN)
    store.answer(d.code, OPEN, "phone-1", text="texte")
    store.open_question(d.code, secret, Q7)
    before = snapshot(store, d.code)
    with pytest.raises(Forbidden) as forbidden:
        ACTIONS[action](store, d.code, WRONG_KEYS[key](secret, other_secret))
    assert str(forbidden.value) == "Clé d'animation absente ou incorrecte : action refusée, rien n'a été modifié."
    assert snapshot(store, d.code) == before
    ACTIONS[action](store, d.code, secret)  # and the right secret works


def test_the_database_never_holds_a_device_token_or_the_secret(store: Store, debate) -> None:
    d, secret = debate
    token = rules.new_device_token()
    store.answer(d.code, Q7, token, choice=AGREE[0])
    store.note_unknown_code(token)
    cells = all_cells(store)
    assert token not in cells and secret not in cells
    assert rules.device_key(token) in cells and rules.secret_hash(secret) in cells
    assert token not in repr(store.export_rows(d.code)) and rules.device_key(token) not in repr(store.export_rows(d.code))


def test_unknown_codes_are_throttled_per_device(store: Store, debate) -> None:
    d, _ = debate
    for _ in range(rules.JOIN_ATTEMPTS - 1):
        with pytest.raises(UnknownDebate):
            store.join("AAAAAA", "prowler")
    assert store.join_allowed("prowler")
    with pytest.raises(UnknownDebate):
        store.join("AAAAAA", "prowler")
    assert not store.join_allowed("prowler")
    with pytest.raises(Refused) as refused:
        store.join(d.code, "prowler")  # even a right code: no cheap enumeration
    assert str(refused.value) == "Trop de codes inconnus : réessayez dans 10 minutes."
    assert store.join(d.code, "someone-else") == store.get(d.code)
    store.purge(now=datetime.now(UTC) + timedelta(minutes=rules.JOIN_WINDOW_MINUTES + 1))
    assert store.join_allowed("prowler")


# -- retention ---------------------------------------------------------------------------


@pytest.mark.parametrize(("days_later", "deleted"), [(89, False), (91, True)])
def test_purge_deletes_debates_past_the_retention(
    store: Store, debate, monkeypatch: pytest.MonkeyPatch, days_later: int, deleted: bool
) -> None:
    monkeypatch.delenv(rules.RETENTION_DAYS_ENV, raising=False)
    d, _ = debate
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    purged = store.purge(now=d.created_at + timedelta(days=days_later))
    assert (purged >= 1) is deleted
    if deleted:
        with pytest.raises(UnknownDebate):
            store.get(d.code)
    else:
        assert store.count(d.code, Q7) == 1


def test_the_store_purges_by_itself_at_first_use(store_url: str, debate_ds, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Store(store_url)
    old, _ = first.create("FR", "Ancien", asked([Q7]))
    first.dispose()
    monkeypatch.setattr("odd17.debate.store.now_utc", lambda: datetime.now(UTC) + timedelta(days=91))
    later = Store(store_url)  # the app restarted three months later
    with pytest.raises(UnknownDebate):
        later.get(old.code)
    later.dispose()


def test_the_retention_comes_from_the_environment(store: Store, debate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rules.RETENTION_DAYS_ENV, "2")
    d, _ = debate
    assert store.purge(now=d.created_at + timedelta(days=1)) == 0 or store.get(d.code)
    store.purge(now=d.created_at + timedelta(days=3))
    with pytest.raises(UnknownDebate):
        store.get(d.code)


# -- export ------------------------------------------------------------------------------


def test_export_rows(store: Store, debate) -> None:
    d, secret = debate
    store.answer(d.code, Q7, "phone-2", choice=AGREE[1])
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.open_question(d.code, secret, OPEN)
    store.answer(d.code, OPEN, "phone-1", text="Un tiers-lieu")
    rows = store.export_rows(d.code)
    assert [{k: v for k, v in r.items() if k != "horodatage"} for r in rows] == [
        {"question": Q7, "reponse": AGREE[1], "participant": 1},
        {"question": Q7, "reponse": AGREE[0], "participant": 2},
        {"question": OPEN, "reponse": "Un tiers-lieu", "participant": 2, "masquee": False},
    ]
    assert all(r["horodatage"].tzinfo is not None for r in rows)
    assert store.export(d.code, secret) == rows


# -- schema ------------------------------------------------------------------------------


def test_the_migrations_build_exactly_the_store_tables_and_rerun_as_no_ops(store: Store, store_url: str, debate_ds) -> None:
    store.setup()
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0002_participant_counters"
    again = Store(store_url)
    again.setup()
    again.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_database_made_by_the_first_migration_is_upgraded_and_keeps_its_numbers(request, tmp_path: Path, debate_ds, backend: str) -> None:
    if backend == "sqlite":
        url = sqlite_url(tmp_path)
        engine = sqlite_engine(tmp_path / "debat.sqlite", create=True)
    else:
        url = request.getfixturevalue("fresh_pg")[1]
        engine = sa.create_engine(url)
    with engine.begin() as connection:
        migrate(connection, "0001_debate")
        connection.execute(
            sa.text(
                "INSERT INTO debates (code, title, region, secret_hash, open_question, participants, created_at) "
                "VALUES ('ACD349', 'Ancien', 'FR', :hash, 'q7_accelerateur', 3, :now)"
            ),
            {"hash": rules.secret_hash("cle"), "now": datetime.now(UTC)},
        )
        connection.execute(
            sa.text(
                "INSERT INTO debate_items (debate_id, question_id, position, kind, options) SELECT id, 'q7_accelerateur', 0, 'choice', :options FROM debates"
            ),
            {"options": "|".join(AGREE)},
        )
    engine.dispose()
    store = Store(url)
    assert store.answer("ACD349", Q7, "phone-4", choice=AGREE[0]).participant == 4
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0002_participant_counters"
    store.dispose()


def test_a_failure_in_the_middle_of_a_write_leaves_nothing_behind(store: Store) -> None:
    store.setup()

    def fail_on_items(connection, cursor, statement, parameters, context, executemany) -> None:
        if "INSERT INTO debate_items" in statement:
            raise sa.exc.OperationalError(statement, parameters, Exception("connexion coupée"))

    sa.event.listen(store.engine, "before_cursor_execute", fail_on_items)
    try:
        with pytest.raises(StoreUnavailable):
            store.create("FR", "Coupé", asked(QUESTIONS))
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", fail_on_items)
    assert "Coupé" not in all_cells(store)


# -- concurrency: real connections, two replicas -----------------------------------------


def run_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_fifty_phones_answering_at_once_are_all_counted_once(store: Store, store_url: str, debate_ds, debate) -> None:
    d, _ = debate
    replica = Store(store_url)  # a second app replica on the same database
    answers = (AGREE[3], AGREE[2], AGREE[1], AGREE[0])  # each phone changes its mind three times

    def phone(i: int) -> None:
        for n, choice in enumerate(answers):
            (store if (i + n) % 2 else replica).answer(d.code, Q7, f"phone-{i}", choice=choice)

    try:
        assert run_threads(50, phone) == []
        expected = rules.Tally(Q7, {AGREE[0]: 50, AGREE[1]: 0, AGREE[2]: 0, AGREE[3]: 0}, 50)
        assert store.tally(d.code, Q7) == replica.tally(d.code, Q7) == expected
        numbers = sorted(r["participant"] for r in store.export_rows(d.code))
        assert numbers == list(range(1, 51))
    finally:
        replica.dispose()


def test_a_phone_alternating_between_two_replicas_is_one_participant(store: Store, store_url: str, debate_ds, debate) -> None:
    d, secret = debate
    replica = Store(store_url)
    try:
        receipts = [(store, replica)[i % 2].answer(d.code, Q7, "phone-1", choice=AGREE[i % 4]) for i in range(6)]
        assert {r.participant for r in receipts} == {1} and [r.replaced for r in receipts] == [False] + [True] * 5
        replica.open_question(d.code, secret, MOVE)
        assert store.get(d.code).open_question == MOVE
        assert store.answer(d.code, MOVE, "phone-1", choice="Oui").participant == 1
        assert store.count(d.code, Q7) == replica.count(d.code, Q7) == 1
    finally:
        replica.dispose()


def test_one_phone_tapping_on_both_replicas_at_the_same_instant_is_one_participant(store: Store, store_url: str, debate_ds, debate) -> None:
    d, _ = debate
    replica = Store(store_url)
    try:
        errors = run_threads(20, lambda i: (store, replica)[i % 2].answer(d.code, Q7, "same-phone", choice=AGREE[i % 4]))
        assert errors == []
        rows = store.export_rows(d.code)
        assert [(r["participant"], r["reponse"] in AGREE) for r in rows] == [(1, True)]
        assert store.answer(d.code, Q7, "next-phone", choice=AGREE[0]).participant >= 2
    finally:
        replica.dispose()


KILLED_WRITER = """
import sys
from odd17.dataset import load
from odd17.debate.store import Store
store = Store(sys.argv[1])
i = 0
while True:
    token = f"phone-{i}"
    store.answer(sys.argv[2], "q7_accelerateur", token, choice="Plutôt d'accord")
    print(token, flush=True)  # the phone's « Réponse enregistrée »
    i += 1
"""


def test_every_answer_confirmed_before_a_kill_9_is_still_counted(store: Store, store_url: str, debate) -> None:
    import signal
    import subprocess
    import sys

    d, _ = debate
    root = Path(__file__).resolve().parent.parent
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, store_url, d.code], cwd=root, stdout=subprocess.PIPE, text=True)
    confirmed = []
    try:
        while len(confirmed) < 40:
            line = writer.stdout.readline()
            assert line, "the writer stopped before confirming 40 answers"
            confirmed.append(line.strip())
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    confirmed += [line.strip() for line in writer.stdout.read().splitlines()]
    assert all(store.my_answer(d.code, Q7, token) == "Plutôt d'accord" for token in confirmed)
    assert store.count(d.code, Q7) in (len(confirmed), len(confirmed) + 1)  # + the one committed as the kill landed
    assert store.answer(d.code, Q7, "after-the-kill", choice=AGREE[0]).replaced is False


# -- the database goes away and comes back ------------------------------------------------


def test_sqlite_folder_removed_then_restored(tmp_path: Path, debate_ds) -> None:
    folder = tmp_path / "state"
    store = Store(sqlite_url(folder))
    d, _ = store.create("FR", "Salle", asked(QUESTIONS))
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    shutil.move(folder, tmp_path / "away")
    for call in (
        lambda: store.answer(d.code, Q7, "phone-2", choice=AGREE[1]),
        lambda: store.get(d.code),
        lambda: store.create("FR", "", asked([Q7])),
    ):
        with pytest.raises(StoreUnavailable) as down:
            call()
        assert str(down.value).startswith("Le débat est momentanément indisponible")
    assert not folder.exists()  # never re-created empty behind the votes' back
    shutil.move(tmp_path / "away", folder)
    assert store.answer(d.code, Q7, "phone-2", choice=AGREE[1]) == Receipt(participant=2, replaced=False)
    assert store.tally(d.code, Q7).total == 2 and len(store.export_rows(d.code)) == 2


def test_sqlite_file_moved_away_then_back(tmp_path: Path, debate_ds) -> None:
    folder = tmp_path / "state"
    store = Store(sqlite_url(folder))
    d, _ = store.create("FR", "Salle", asked(QUESTIONS))
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    store.dispose()  # a backup tool moves the file only when no connection is writing (WAL checkpointed)
    (folder / "debat.sqlite").rename(tmp_path / "debat.sqlite")
    with pytest.raises(StoreUnavailable):
        store.answer(d.code, Q7, "phone-2", choice=AGREE[0])
    assert not (folder / "debat.sqlite").exists()  # no empty database created in its place
    (tmp_path / "debat.sqlite").rename(folder / "debat.sqlite")
    assert store.answer(d.code, Q7, "phone-2", choice=AGREE[0]).participant == 2


def test_sqlite_a_file_that_is_not_a_database_at_first_use(tmp_path: Path, debate_ds) -> None:
    (tmp_path / "debat.sqlite").write_bytes(b"not a database" * 100)
    store = Store(sqlite_url(tmp_path))
    with pytest.raises(StoreUnavailable):
        store.create("FR", "", asked([Q7]))
    assert (tmp_path / "debat.sqlite").read_bytes() == b"not a database" * 100  # left as found
    (tmp_path / "debat.sqlite").unlink()
    assert store.create("FR", "", asked([Q7]))[0].open_question == Q7


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0, reason="root writes to read-only files: run as a user"
)
def test_sqlite_read_only_file_then_writable(tmp_path: Path, debate_ds) -> None:
    folder = tmp_path / "state"
    store = Store(sqlite_url(folder))
    d, _ = store.create("FR", "Salle", asked(QUESTIONS))
    folder.chmod(0o555)
    (folder / "debat.sqlite").chmod(0o444)
    try:
        with pytest.raises(StoreUnavailable):
            store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    finally:
        folder.chmod(0o755)
        (folder / "debat.sqlite").chmod(0o644)
    assert store.answer(d.code, Q7, "phone-1", choice=AGREE[0]).participant == 1


def test_postgresql_database_renamed_then_back(fresh_pg: tuple[str, str], pg_admin: sa.Engine, debate_ds) -> None:
    name, url = fresh_pg
    store = Store(url)
    d, _ = store.create("FR", "Salle", asked(QUESTIONS))
    store.answer(d.code, Q7, "phone-1", choice=AGREE[0])
    with pg_admin.connect() as admin:
        admin.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"), {"name": name})
        admin.execute(sa.text(f'ALTER DATABASE "{name}" RENAME TO "{name}_away"'))
    try:
        for call in (lambda: store.answer(d.code, Q7, "phone-2", choice=AGREE[1]), lambda: store.count(d.code, Q7)):
            with pytest.raises(StoreUnavailable):
                call()
    finally:
        with pg_admin.connect() as admin:
            admin.execute(sa.text(f'ALTER DATABASE "{name}_away" RENAME TO "{name}"'))
    assert store.answer(d.code, Q7, "phone-2", choice=AGREE[1]).participant == 2
    assert store.count(d.code, Q7) == 2
    store.dispose()


def test_postgresql_absent_at_first_use_then_created(pg_admin: sa.Engine, debate_ds) -> None:
    from debatedb import database_url, drop_database

    name = "odd17_test_late_" + __import__("secrets").token_hex(4)
    store = Store(database_url(name))
    try:
        with pytest.raises(StoreUnavailable):
            store.create("FR", "", asked([Q7]))
        with pg_admin.connect() as admin:
            admin.execute(sa.text(f'CREATE DATABASE "{name}"'))
        assert store.create("FR", "", asked([Q7]))[0].open_question == Q7  # migrated on this retry, no restart
    finally:
        store.dispose()
        drop_database(pg_admin, name)


def test_postgresql_connection_refused_is_unavailable(debate_ds) -> None:
    store = Store("postgresql+psycopg://odd17:x@127.0.0.1:9/odd17")  # port 9: nothing listens
    for call in (lambda: store.get("ACD349"), lambda: store.create("FR", "", asked([Q7])), lambda: store.join_allowed("phone")):
        with pytest.raises(StoreUnavailable):
            call()
