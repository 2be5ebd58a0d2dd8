"""The live debate when things break: a server killed, the database gone, two replicas.

Real app servers (debateserver.py) and Debian's Chromium; select them with
`python -m pytest -m debate_faults`. PostgreSQL comes from ODD17_TEST_PG_URL
(scripts/postgres-test-setup.sh); without it those tests are skipped locally and
fail in CI.
"""

from __future__ import annotations

from pathlib import Path

import appserver
import pytest
import sqlalchemy as sa
from debatedb import asked
from debateserver import (
    OPEN_QUESTION,
    OPTIONS,
    QUESTION,
    Relay,
    device_token,
    expect_count,
    join,
    option_button,
    pg_database,
    phone_context,
    presenter,
    servers,
    vote,
    warm,
)
from playwright.sync_api import Browser, expect
from sqlalchemy.engine import make_url

from odd17.debate import rules
from odd17.debate.store import Store, answers, participants

pytestmark = [pytest.mark.browser, pytest.mark.debate_faults]

UNAVAILABLE = "momentanément indisponible"
STUDY_PAGE = "/sources-et-donnees"


def rows(store: Store, table: sa.Table) -> list:
    with store.transaction() as connection:
        return list(connection.execute(sa.select(table)).mappings())


def test_kill_9_mid_question_keeps_confirmed_answers_and_everyone_resumes(chromium: Browser, tmp_path: Path) -> None:
    env = {"ODD17_STATE_DIR": str(tmp_path / "state"), "ODD17_DATABASE_URL": ""}
    store = Store(f"sqlite:///{tmp_path / 'state' / 'debat.sqlite'}")
    made, secret = store.create(rules.FRANCE, "Panne", asked([QUESTION]))
    with servers(1, env, tmp_path) as (server,):
        warm(chromium, server)
        screen = presenter(chromium, server, made.code, secret)
        phones = [phone_context(chromium) for _ in range(3)]
        pages = [context.new_page() for context in phones]
        for page, option in zip(pages, OPTIONS, strict=False):
            join(page, server, made.code)
            vote(page, option)
        expect_count(screen, 3)

        server.kill()  # mid-question: the question stays open, the phones and the projector stay on screen
        assert store.count(made.code, QUESTION) == 3  # every confirmed answer survived the kill
        server.start()

        # The pages reconnect by themselves (Streamlit's frontend retries); no reload.
        vote(pages[0], OPTIONS[3])  # a phone that was there changes its answer
        latecomer = phone_context(chromium).new_page()
        join(latecomer, server, made.code)
        vote(latecomer, OPTIONS[0])
        expect_count(screen, 4)  # the projector resumed its live count without a touch
        assert store.tally(made.code, QUESTION).counts == dict.fromkeys(OPTIONS, 1)  # one each: 3 before, 1 changed, 1 new
        assert store.my_answer(made.code, QUESTION, device_token(phones[0])) == OPTIONS[3]
        for context in phones:
            context.close()
        latecomer.context.close()
        screen.close()


def study_page_works(chromium: Browser, url: str) -> None:
    page = chromium.new_page()
    page.goto(url + STUDY_PAGE)
    expect(page.get_by_text("Sources", exact=False).first).to_be_visible()
    assert page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count() == 0
    page.close()


def test_sqlite_folder_missing_then_back_without_restart(chromium: Browser, tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = {"ODD17_STATE_DIR": str(state), "ODD17_DATABASE_URL": ""}
    store = Store(f"sqlite:///{state / 'debat.sqlite'}")
    made, secret = store.create(rules.FRANCE, "Base absente", asked([QUESTION]))
    with servers(1, env, tmp_path) as (server,):
        warm(chromium, server)
        screen = presenter(chromium, server, made.code, secret)
        context = phone_context(chromium)
        phone = context.new_page()
        join(phone, server, made.code)
        vote(phone, OPTIONS[1])
        expect_count(screen, 1)

        away = tmp_path / "state-away"
        state.rename(away)  # the folder is gone (unmounted disk, cleaned-up volume)
        option_button(phone, OPTIONS[2]).tap()
        expect(phone.get_by_text(UNAVAILABLE)).to_be_visible()
        expect(screen.get_by_text(UNAVAILABLE).first).to_be_visible(timeout=30_000)  # the projector says so too
        study_page_works(chromium, server.url)
        assert not state.exists()  # no new empty database was made in its place

        away.rename(state)
        phone.reload()  # the message replaced the ballot: the participant reloads (the server was never restarted)
        appserver.wait_for_app(phone)
        vote(phone, OPTIONS[2])
        expect_count(screen, 1)
        stored = Store(f"sqlite:///{state / 'debat.sqlite'}")
        assert [(r["choice"], r["revision"]) for r in rows(stored, answers)] == [(OPTIONS[2], 2)]  # the failed tap left nothing
        assert len(rows(stored, participants)) == 1
        context.close()
        screen.close()


def test_postgresql_unreachable_then_back_without_restart(chromium: Browser, tmp_path: Path) -> None:
    with pg_database() as url:
        real = make_url(url)
        relay = Relay(real.host or "127.0.0.1", real.port or 5432)
        relay.up()
        via_relay = relay.url_for(url)
        store = Store(url)
        made, secret = store.create(rules.FRANCE, "Serveur coupé", asked([QUESTION, OPEN_QUESTION]))
        try:
            with servers(1, {"ODD17_DATABASE_URL": via_relay, "ODD17_STATE_DIR": str(tmp_path)}, tmp_path) as (server,):
                warm(chromium, server)
                screen = presenter(chromium, server, made.code, secret)
                context = phone_context(chromium)
                phone = context.new_page()
                join(phone, server, made.code)
                vote(phone, OPTIONS[0])
                expect_count(screen, 1)

                relay.down()  # PostgreSQL unreachable: open connections cut, new ones refused
                option_button(phone, OPTIONS[3]).tap()
                expect(phone.get_by_text(UNAVAILABLE)).to_be_visible()
                expect(screen.get_by_text(UNAVAILABLE).first).to_be_visible(timeout=30_000)
                newcomer = phone_context(chromium).new_page()
                join(newcomer, server, made.code)
                expect(newcomer.get_by_text(UNAVAILABLE)).to_be_visible()  # a phone arriving now is told, too
                controls = presenter(chromium, server, made.code, secret)  # the facilitator's own screen
                expect(controls.get_by_text(UNAVAILABLE).first).to_be_visible()
                controls.close()
                study_page_works(chromium, server.url)

                relay.up()  # back, without restarting the app
                phone.reload()
                appserver.wait_for_app(phone)
                vote(phone, OPTIONS[3])
                join(newcomer, server, made.code)
                vote(newcomer, OPTIONS[1])
                expect_count(screen, 2)  # the projector, left alone, resumed by itself
                assert sorted((r["choice"], r["revision"]) for r in rows(store, answers)) == sorted([(OPTIONS[1], 1), (OPTIONS[3], 2)])
                newcomer.context.close()
                context.close()
                screen.close()
        finally:
            relay.down()
            store.dispose()


def test_two_replicas_one_participant_per_phone_and_a_shared_count(chromium: Browser, tmp_path: Path) -> None:
    with pg_database() as url:
        store = Store(url)
        made, secret = store.create(rules.FRANCE, "Deux répliques", asked([QUESTION]))
        try:
            with servers(2, {"ODD17_DATABASE_URL": url, "ODD17_STATE_DIR": str(tmp_path)}, tmp_path) as (one, two):
                warm(chromium, one)
                warm(chromium, two)
                screen = presenter(chromium, one, made.code, secret)
                context = phone_context(chromium)
                phone = context.new_page()
                join(phone, one, made.code)
                vote(phone, OPTIONS[0])
                join(phone, two, made.code)  # the proxy sends its next request to the other replica
                expect(option_button(phone, OPTIONS[0])).to_have_text(f"✓ {OPTIONS[0]}")  # it knows this phone
                vote(phone, OPTIONS[2])
                join(phone, one, made.code)
                vote(phone, OPTIONS[1])
                other = phone_context(chromium)
                second = other.new_page()
                join(second, two, made.code)
                vote(second, OPTIONS[3])
                expect_count(screen, 2)  # the presenter on replica 1 counts the answer given on replica 2
                assert [
                    (r["choice"], r["revision"]) for r in rows(store, answers) if r["device_key"] == rules.device_key(device_token(context))
                ] == [(OPTIONS[1], 3)]
                assert len(rows(store, participants)) == 2
                assert store.tally(made.code, QUESTION).total == 2
                other.close()
                context.close()
                screen.close()
        finally:
            store.dispose()
