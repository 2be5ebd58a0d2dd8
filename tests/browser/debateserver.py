"""Real app servers for the debate's fault and mischief tests: start on a chosen port, kill -9, restart.

Each test gets its own servers (own state folder or database), unlike the
session-wide server of conftest.py: they are killed, their database is taken
away, two of them share one PostgreSQL. Also: a TCP relay to stand for a
PostgreSQL server that goes down and comes back (the machine's real cluster is
shared, so it is never stopped), and the phone's and the presenter's gestures.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import appserver
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.engine import make_url

from odd17.dataset import load
from odd17.debate import tallies
from odd17.debate.questions import by_id

PG_ENV = "ODD17_TEST_PG_URL"
PHONE_VIEWPORT = {"width": 390, "height": 844}
PRESENTER_VIEWPORT = {"width": 1280, "height": 800}
LIVE_TIMEOUT_MS = 30_000  # the presenter refreshes every 2 s; a loaded 2-CPU machine needs slack
CONFIRMED = "Réponse enregistrée"
QUESTION = "q7_accelerateur"
OPTIONS = list(by_id(load())[QUESTION].options)  # the answers a phone is offered, from the data package
OPEN_QUESTION = "alliance_proche"


@dataclass
class Server:
    """One app replica: restartable on the same port, so browsers reconnect to the same address."""

    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{appserver.HOST}:{self.port}"

    def start(self) -> Server:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                appserver.command(self.port), cwd=appserver.ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **self.env}
            )
        appserver.wait_healthy(appserver.AppServer(self.url, self.process, self.log))
        return self

    def kill(self) -> None:
        """kill -9: no shutdown handler runs, as when a machine or container dies."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None:
            appserver.stop(appserver.AppServer(self.url, self.process, self.log))


@contextlib.contextmanager
def servers(count: int, env: dict[str, str], logs: Path) -> Iterator[list[Server]]:
    started = [Server(appserver.free_port(), env, logs / f"server-{i + 1}.log") for i in range(count)]
    try:
        for server in started:
            server.start()
        yield started
    finally:
        for server in started:
            server.stop()


def warm(browser: Browser, server: Server) -> None:
    """A first visit: a fresh server's first session is routed by Streamlit's old pages/ logic."""
    page = browser.new_page()
    page.goto(server.url + "/")
    appserver.wait_for_app(page)
    page.close()


# --- gestures ------------------------------------------------------------------------------------


def phone_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="fr-FR", is_mobile=True, has_touch=True)
    context.set_default_timeout(60_000)
    return context


def join(page: Page, server: Server, code: str) -> None:
    page.goto(f"{server.url}/participer?code={code}")
    appserver.wait_for_app(page)


def option_button(page: Page, option: str):
    return page.get_by_role("button", name=re.compile(rf"^(✓ )?{re.escape(option)}$"))


def vote(page: Page, option: str) -> None:
    """Tap an answer and wait for the phone's confirmation naming it."""
    option_button(page, option).tap()
    expect(page.get_by_text(re.compile(rf"{CONFIRMED}\s*:\s*«\s*{re.escape(option)}\s*»"))).to_be_visible()


def device_token(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "odd17_device")


def presenter(browser: Browser, server: Server, code: str, secret: str) -> Page:
    page = browser.new_page(viewport=PRESENTER_VIEWPORT, locale="fr-FR")
    page.goto(f"{server.url}/animer?code={code}&cle={secret}")
    appserver.wait_for_app(page)
    return page


def expect_count(page: Page, count: int) -> None:
    """The presenter's live count reaches `count` by itself (no click, no reload)."""
    expect(page.locator('[class*="st-key-live-count"]')).to_have_text(tallies.count_label(count), timeout=LIVE_TIMEOUT_MS)


# --- PostgreSQL ----------------------------------------------------------------------------------


def pg_unavailable(reason: str) -> None:
    message = f'PostgreSQL indisponible pour les tests ({reason}) : lancez eval "$(scripts/postgres-test-setup.sh)"'
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A PostgreSQL database of its own (from ODD17_TEST_PG_URL), dropped afterwards; its URL."""
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        pg_unavailable(f"{PG_ENV} n'est pas défini")
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    name = "odd17_ops_" + secrets.token_hex(6)
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        pg_unavailable(str(error.orig).strip().splitlines()[0])
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Relay:
    """A TCP relay on 127.0.0.1 standing for the database server: `down()` cuts every
    connection and refuses new ones (as a stopped or unreachable server), `up()` listens again."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = appserver.free_port()
        self.listener: socket.socket | None = None
        self.links: list[socket.socket] = []
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((appserver.HOST, self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for link in self.links:
                with contextlib.suppress(OSError):
                    link.shutdown(socket.SHUT_RDWR)
                link.close()
            self.links.clear()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.links += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

    def url_for(self, url: str) -> str:
        return make_url(url).set(host=appserver.HOST, port=self.port).render_as_string(hide_password=False)
