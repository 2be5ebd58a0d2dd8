"""The live debate against a hostile participant, through the real server.

Select with `python -m pytest -m debate_mischief`. One app server for the module
(SQLite in a temporary folder); Debian's Chromium for what a browser does, and
Streamlit's websocket protocol (stclient.py) to replay a facilitator's button in
a session that has no right to it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import appserver
import pytest
import sqlalchemy as sa
from debatedb import asked
from debateserver import (
    OPEN_QUESTION,
    OPTIONS,
    QUESTION,
    Server,
    device_token,
    expect_count,
    join,
    option_button,
    phone_context,
    presenter,
    servers,
    vote,
    warm,
)
from playwright.sync_api import Browser, expect
from stclient import Session, plain

from odd17.debate import device, rules
from odd17.debate.store import Store, answers, participants
from odd17.ui import debate_facilitator as fac

pytestmark = [pytest.mark.browser, pytest.mark.debate_mischief]

# Every facilitator button: open, close, reveal, moderate, reset, delete (export: see below).
ACTIONS = [
    "Fermer la question",
    "Révéler les résultats",
    "Ouvrir la question suivante",
    "Remettre à zéro",
    "Masquer",
    "Supprimer définitivement",
]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mischief")


@pytest.fixture(scope="module")
def server(chromium: Browser, state: Path) -> Iterator[Server]:
    env = {"ODD17_STATE_DIR": str(state / "state"), "ODD17_DATABASE_URL": ""}
    Store(f"sqlite:///{state / 'state' / 'debat.sqlite'}").setup()
    with servers(1, env, state) as (running,):
        warm(chromium, running)
        yield running


@pytest.fixture(scope="module")
def store(state: Path) -> Store:
    return Store(f"sqlite:///{state / 'state' / 'debat.sqlite'}")


def snapshot(store: Store, code: str) -> tuple:
    """Everything an action could change: the debate's state and every answer with its flags."""
    debate = store.get(code)
    return debate, store.export_rows(code), [(t.id, t.text, t.hidden) for t in store.texts(code, OPEN_QUESTION, include_hidden=True)]


def blocking(coroutine):
    """Run a coroutine to its end from a test (Playwright's sync API already runs a loop in this thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def host(server: Server) -> str:
    return server.url.split("://", 1)[1]


async def facilitator_buttons(server: Server, code: str, secret: str) -> dict[str, str]:
    """The widget ids of the facilitator's buttons, as a legitimate session draws them (moderation open)."""
    async with Session(host(server), "animer", f"code={code}&cle={secret}") as session:
        run = await session.run()
    return run.buttons


async def replay(server: Server, code: str, secret: str | None, widget: str) -> set[str]:
    """A session on /animer with a missing or wrong secret sends the button's trigger: what does it draw?"""
    query = f"code={code}" + (f"&cle={secret}" if secret is not None else "")
    async with Session(host(server), "animer", query) as session:
        await session.run()  # the page load, then the forged tap in the same session
        run = await session.run(widget)
    assert plain(fac.REFUSED_SECRET) in run.alerts and not run.buttons
    return run.kinds


@pytest.mark.parametrize("secret", [None, "", "faux", "A" * 43])
def test_every_facilitator_action_without_the_secret_changes_nothing(server: Server, store: Store, secret: str | None) -> None:
    made, right = store.create(rules.FRANCE, "Malice", asked([OPEN_QUESTION, QUESTION]))
    store.answer(made.code, OPEN_QUESTION, "m" * 32, text="Une alliance à Brest")
    before = snapshot(store, made.code)
    buttons = blocking(facilitator_buttons(server, made.code, right))
    assert set(ACTIONS) <= set(buttons), f"the facilitator's page no longer draws {set(ACTIONS) - set(buttons)}"
    for action in ACTIONS:
        kinds = blocking(replay(server, made.code, secret, buttons[action]))
        assert "download_button" not in kinds  # no export either: the exports are drawn only with the secret
        assert snapshot(store, made.code) == before, action
    assert store.count(made.code, OPEN_QUESTION) == 1


def test_participant_page_html_urls_and_frames_never_carry_the_secret(chromium: Browser, server: Server, store: Store) -> None:
    made, secret = store.create(rules.FRANCE, "Secret", asked([QUESTION]))
    screen = presenter(chromium, server, made.code, secret)  # the facilitator is live on the same server
    context = phone_context(chromium)
    seen: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: seen.append(request.url))
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda frame: seen.append(frame if isinstance(frame, str) else frame.decode("latin-1"))),
    )
    join(page, server, made.code)
    vote(page, OPTIONS[0])
    seen += [page.content(), page.url, *page.eval_on_selector_all("a, img, [src], [href]", "els => els.map(e => e.outerHTML)")]
    hashed = rules.device_key(secret)  # not even a hash of it
    assert not [s for s in seen if secret in s or hashed in s]
    qr = screen.content()  # the projected join slide: its link is the participant's one, without the key
    assert f"participer?code={made.code}" in qr.replace("&amp;", "&") and f"cle={secret}" not in qr.split("animer", 1)[0]
    context.close()
    screen.close()


def test_join_codes_cannot_be_enumerated_from_one_browser(chromium: Browser, server: Server, store: Store) -> None:
    made, _ = store.create(rules.FRANCE, "Énumération", asked([QUESTION]))
    context = phone_context(chromium)
    page = context.new_page()
    for guess in ["AAAAAA", "CCCCCC", "DDDDDD", "EEEEEE", "FFFFFF"]:
        join(page, server, guess)
        expect(page.get_by_text("Aucun débat ne porte le code")).to_be_visible()
    join(page, server, "GGGGGG")
    expect(page.get_by_text(re.compile("Trop de codes inconnus"))).to_be_visible()
    join(page, server, made.code)  # even the right code, from this browser, for a while
    expect(page.get_by_text(re.compile("Trop de codes inconnus"))).to_be_visible()
    assert option_button(page, OPTIONS[0]).count() == 0
    honest = phone_context(chromium).new_page()  # another browser in the same room (same IP) is not affected
    join(honest, server, made.code)
    vote(honest, OPTIONS[1])
    honest.context.close()
    context.close()


def test_one_device_one_vote_whatever_the_reloads_tabs_and_urls(chromium: Browser, server: Server, store: Store) -> None:
    made, _ = store.create(rules.FRANCE, "Un vote", asked([QUESTION]))
    context = phone_context(chromium)
    page = context.new_page()
    join(page, server, made.code)
    vote(page, OPTIONS[0])
    page.reload()
    appserver.wait_for_app(page)
    vote(page, OPTIONS[1])
    tab = context.new_page()  # a new tab, or the QR scanned again
    join(tab, server, made.code)
    vote(tab, OPTIONS[2])
    for url in (  # the URL changed by hand: lower case, dashes, extra parameters, another page first
        f"{server.url}/participer?code={made.code.lower()}",
        f"{server.url}/participer?code={made.code[:3]}-{made.code[3:]}&x=1",
        f"{server.url}/participer?code={made.code}&code=AAAAAA",
    ):
        tab.goto(url)
        appserver.wait_for_app(tab)
        if option_button(tab, OPTIONS[3]).count():
            vote(tab, OPTIONS[3])
    key = rules.device_key(device_token(context))
    with store.transaction() as connection:
        mine = connection.execute(
            sa.select(answers.c.device_key, answers.c.choice, answers.c.revision).where(answers.c.device_key == key)
        ).all()
        numbers = connection.execute(sa.select(participants.c.number).where(participants.c.device_key == key)).all()
    assert len(mine) == 1 and len(numbers) == 1 and mine[0].choice in (OPTIONS[2], OPTIONS[3]) and mine[0].revision >= 3
    assert store.count(made.code, QUESTION) == 1
    context.close()


def test_forged_or_missing_cookie_gets_a_new_identity_never_anothers(chromium: Browser, server: Server, store: Store) -> None:
    made, _ = store.create(rules.FRANCE, "Identité", asked([QUESTION]))
    honest = phone_context(chromium)
    page = honest.new_page()
    join(page, server, made.code)
    vote(page, OPTIONS[0])
    honest_token = device_token(honest)
    for forged in ["forged!", honest_token[:-1], honest_token + "x", "' OR 1=1 --", ""]:
        mallory = phone_context(chromium)
        if forged:
            mallory.add_cookies([{"name": device.COOKIE, "value": forged, "url": server.url}])
        other = mallory.new_page()
        join(other, server, made.code)
        given = device_token(mallory)
        assert device.valid(given) and given not in (forged, honest_token)  # replaced by a fresh random token
        vote(other, OPTIONS[3])
        mallory.close()
    assert store.my_answer(made.code, QUESTION, honest_token) == OPTIONS[0]  # the honest answer untouched
    assert store.count(made.code, QUESTION) == 6  # five new identities, one each
    # A cookie wiped by the browser: a new identity too; the first answer stays counted.
    honest.clear_cookies()
    page.reload()
    appserver.wait_for_app(page)
    vote(page, OPTIONS[2])
    assert device_token(honest) != honest_token and store.count(made.code, QUESTION) == 7
    honest.close()


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **gras** [lien](https://exemple.org)'


def test_open_answers_limited_shown_as_text_and_moderation_sticks(chromium: Browser, server: Server, store: Store) -> None:
    made, secret = store.create(rules.FRANCE, "Textes", asked([OPEN_QUESTION]))
    screen = presenter(chromium, server, made.code, secret)
    screen.get_by_role("button", name="Révéler les résultats").click()
    appserver.wait_for_app(screen)
    context = phone_context(chromium)
    page = context.new_page()
    join(page, server, made.code)
    box = page.get_by_role("textbox")
    box.fill("x" * (rules.MAX_TEXT + 1))
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text(re.compile(rf"{rules.MAX_TEXT} caractères au plus \(vous en avez écrit")).first).to_be_visible()
    assert store.count(made.code, OPEN_QUESTION) == 0
    box.fill(HOSTILE)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Réponse enregistrée").first).to_be_visible()
    shown = screen.locator('[class*="st-key-open-texts"]')
    expect(shown).to_contain_text('<img src=x onerror="window.__pwned=1">', timeout=30_000)  # the markup, as text
    expect(shown).to_contain_text("**gras**")
    assert screen.evaluate("() => window.__pwned") is None and page.evaluate("() => window.__pwned") is None
    assert shown.locator("img, script, a").count() == 0

    text_id = store.texts(made.code, OPEN_QUESTION)[0].id
    store.hide_answer(made.code, secret, text_id)  # the facilitator hides it (the page's button: AppTest)
    expect(shown).not_to_contain_text("onerror", timeout=30_000)
    box = page.get_by_role("textbox")
    box.fill(HOSTILE + " (réécrit)")  # its author rewrites it: it stays off the projector
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Réponse enregistrée").first).to_be_visible()
    screen.wait_for_timeout(5_000)  # two refreshes of the projector
    expect(shown).not_to_contain_text("réécrit")
    assert store.texts(made.code, OPEN_QUESTION) == []
    context.close()
    screen.close()


def test_no_ip_user_agent_token_or_secret_in_the_database(chromium: Browser, server: Server, store: Store) -> None:
    """After everything above (and a vote here), no column of any table holds personal data."""
    made, secret = store.create(rules.FRANCE, "Vie privée", asked([QUESTION]))
    context = phone_context(chromium)
    page = context.new_page()
    user_agent = page.evaluate("() => navigator.userAgent")
    join(page, server, made.code)
    vote(page, OPTIONS[1])
    join(page, server, "AAAAAA")  # an unknown code: a join attempt is stored
    token = device_token(context)
    screen = presenter(chromium, server, made.code, secret)
    expect_count(screen, 1)
    dump = []
    with store.transaction() as connection:
        for table in sa.inspect(connection).get_table_names():
            for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')):
                dump.append(f"{table}: " + " | ".join(str(v) for v in row))
    text = "\n".join(dump)
    assert rules.device_key(token) in text  # the rows are there (what is stored: a hash)
    for personal in ("127.0.0.1", "localhost", user_agent, "Mozilla", "Chrome", token, secret):
        assert personal not in text, personal
    context.close()
    screen.close()
