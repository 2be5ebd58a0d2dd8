"""Real databases for the debate store's tests: a SQLite file per test, and a PostgreSQL database per session.

PostgreSQL comes from ODD17_TEST_PG_URL (scripts/postgres-test-setup.sh starts it and prints
the URL); each session creates its own randomly named database and drops it at the end.
Locally an unreachable PostgreSQL skips its tests with the reason; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from odd17.dataset import BUNDLED_DIR, load
from odd17.debate.questions import Question, by_id
from odd17.debate.store import Store

PG_ENV = "ODD17_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def unreachable(reason: str) -> None:
    message = f'PostgreSQL indisponible pour les tests ({reason}) : lancez eval "$(scripts/postgres-test-setup.sh)"'
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def admin_engine() -> sa.Engine:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        unreachable(f"{PG_ENV} n'est pas défini")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as error:
        unreachable(str(error.orig).strip().splitlines()[0])
    return engine


def database_url(name: str) -> str:
    return make_url(os.environ[PG_ENV]).set(database=name).render_as_string(hide_password=False)


def create_database(admin: sa.Engine) -> str:
    name = "odd17_test_" + secrets.token_hex(6)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return name


def drop_database(admin: sa.Engine, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@functools.cache
def bundled():
    return load(BUNDLED_DIR)


@pytest.fixture(scope="session")
def debate_ds():
    return bundled()


def asked(question_ids: list[str]) -> list[Question]:
    """The bundled questions of these ids, as a new debate asks them (an unknown id is a test's typo: KeyError)."""
    known = by_id(bundled())
    return [known[q] for q in question_ids]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine]:
    engine = admin_engine()
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_url(pg_admin: sa.Engine) -> Iterator[str]:
    """A PostgreSQL database of its own for this session."""
    name = create_database(pg_admin)
    yield database_url(name)
    drop_database(pg_admin, name)


@pytest.fixture
def fresh_pg(pg_admin: sa.Engine) -> Iterator[tuple[str, str]]:
    """(name, url) of a PostgreSQL database made for one test (the fault tests rename it)."""
    name = create_database(pg_admin)
    yield name, database_url(name)
    drop_database(pg_admin, name)


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'debat.sqlite'}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "state")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    instance = Store(store_url)
    yield instance
    instance.dispose()
