"""End-to-end: a facilitator's screen and 20 phones (390×844) voting through the real server.

The server runs on its own temporary SQLite file (ODD17_DATABASE_URL); the
counts are read back through the store, never from the page alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

import appserver
import checks
import pytest
from debatedb import asked
from playwright.sync_api import Page, expect

from odd17.debate import device, rules, tallies
from odd17.debate.questions import by_id
from odd17.debate.store import Store

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
PHONES = 20
REVOTERS = 5
QUESTION = "q7_accelerateur"
REGION = "52"
MIN_TAP_PX = 48
LIVE_TIMEOUT_MS = 15_000  # the presenter's count refreshes every few seconds by itself


@pytest.fixture(scope="module")
def debate_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on a temporary SQLite file: (base URL, database URL)."""
    folder = tmp_path_factory.mktemp("debate")
    database = f"sqlite:///{folder / 'debat.sqlite'}"
    env = {"ODD17_DATABASE_URL": database, "ODD17_STATE_DIR": str(folder / "state")}
    with appserver.running_app(folder / "streamlit.log", env=env) as server:
        yield server.url, database


@pytest.fixture(scope="module")
def store(debate_server: tuple[str, str], ds) -> Store:
    return Store(debate_server[1], ds)


def vote(phone: Page, option: str) -> None:
    phone.get_by_role("button", name=re.compile(rf"^(✓ )?{re.escape(option)}$")).click()
    appserver.wait_for_app(phone)
    expect(phone.get_by_role("button", name=f"✓ {option}")).to_be_visible()
    expect(phone.get_by_text("Réponse enregistrée").first).to_be_visible()


def test_twenty_phones_vote_and_the_presenter_counts_them(
    offline_pages: Callable[[dict], Page], debate_server: tuple[str, str], store: Store, ds
) -> None:
    url, _ = debate_server
    question = by_id(ds)[QUESTION]
    made, secret = store.create(REGION, "Atelier de Nantes", asked([QUESTION]))

    presenter = offline_pages(PROJECTOR)
    checks.open_app(presenter, url + "/")  # a fresh server's first visit is routed by its legacy pages/ logic
    checks.open_app(presenter, f"{url}/animer?code={made.code}&cle={secret}")
    expect(presenter.get_by_text(made.code, exact=True)).to_be_visible()
    expect(presenter.get_by_text(tallies.count_label(0), exact=True)).to_be_visible()

    phones: list[Page] = []
    chosen: list[str] = []
    for _ in range(PHONES):  # the whole room opens the link at once...
        phones.append(offline_pages(PHONE))
        phones[-1].goto(f"{url}/participer?code={made.code}", wait_until="commit")
    for index, phone in enumerate(phones):  # ...then each phone taps in turn
        appserver.wait_for_app(phone)
        chosen.append(question.options[index % len(question.options)])
        vote(phone, chosen[-1])

    assert store.tally(made.code, QUESTION).counts == {o: Counter(chosen)[o] for o in question.options}

    # Re-votes replace: five phones change their mind.
    for index in range(REVOTERS):
        chosen[index] = question.options[(index + 1) % len(question.options)]
        vote(phones[index], chosen[index])
    tally = store.tally(made.code, QUESTION)
    assert tally.total == PHONES
    assert tally.counts == {o: Counter(chosen)[o] for o in question.options}

    # A reload (or the QR scanned again) shows the phone's answer and gives no second vote.
    phones[0].reload()
    appserver.wait_for_app(phones[0])
    expect(phones[0].get_by_role("button", name=f"✓ {chosen[0]}")).to_be_visible()
    vote(phones[0], chosen[0])
    assert store.count(made.code, QUESTION) == PHONES

    # The presenter's count grew by itself: nobody touched that page.
    expect(presenter.get_by_text(tallies.count_label(PHONES), exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    presenter.get_by_role("button", name="Révéler les résultats").click()
    appserver.wait_for_app(presenter)
    comparison = rules.comparison_lines(question, store.tally(made.code, QUESTION), ds, REGION)
    for line in comparison.lines:
        expect(presenter.get_by_text(line, exact=True)).to_be_visible()
    assert "20 réponses" in comparison.lines[0]
    assert checks.errors(presenter) == []


def test_phone_screen_has_large_targets_and_an_httponly_cookie(
    offline_pages: Callable[[dict], Page], debate_server: tuple[str, str], store: Store
) -> None:
    url, _ = debate_server
    made, _ = store.create(REGION, "Atelier", asked([QUESTION]))
    phone = offline_pages(PHONE)
    checks.open_app(phone, f"{url}/participer?code={made.code}")
    buttons = phone.locator('[data-testid="stButton"] button')
    expect(buttons.first).to_be_visible()
    for box in [b.bounding_box() for b in buttons.all()]:
        assert box and box["height"] >= MIN_TAP_PX and box["width"] >= PHONE["width"] * 0.8
    cookie = next(c for c in phone.context.cookies() if c["name"] == device.COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and device.valid(cookie["value"])
    assert phone.evaluate("document.cookie").find(device.COOKIE) == -1  # no script can read it
    expect(phone.locator('[data-testid="stSidebar"]')).to_be_hidden()


def test_a_forged_cookie_gets_a_new_identity(offline_pages: Callable[[dict], Page], debate_server: tuple[str, str], store: Store) -> None:
    url, _ = debate_server
    made, _ = store.create(REGION, "Atelier", asked([QUESTION]))
    phone = offline_pages(PHONE)
    host = url.split("//")[1].split(":")[0]
    phone.context.add_cookies([{"name": device.COOKIE, "value": "forged<script>", "domain": host, "path": "/"}])
    checks.open_app(phone, f"{url}/participer?code={made.code}")
    vote(phone, "Plutôt d'accord")
    cookie = next(c for c in phone.context.cookies() if c["name"] == device.COOKIE)
    assert device.valid(cookie["value"]) and store.count(made.code, QUESTION) == 1


def test_wrong_secret_shows_nothing(offline_pages: Callable[[dict], Page], debate_server: tuple[str, str], store: Store) -> None:
    url, _ = debate_server
    made, _ = store.create(REGION, "Atelier", asked([QUESTION]))
    page = offline_pages(PROJECTOR)
    checks.open_app(page, f"{url}/animer?code={made.code}&cle=faux")
    expect(page.get_by_text("Accès refusé", exact=False)).to_be_visible()
    expect(page.get_by_text(made.code, exact=True)).to_have_count(0)
    assert page.locator('[data-testid="stButton"]').count() == 0
