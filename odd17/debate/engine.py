"""Where the debate's database is and how to reach it: SQLite in the state folder, or ODD17_DATABASE_URL.

SQLite runs in WAL with a busy timeout and BEGIN IMMEDIATE for writes; PostgreSQL with pre-ping.
Migrations (Alembic, in migrations/) run on a connection handed over by the store.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import QueuePool

DATABASE_URL_ENV = "ODD17_DATABASE_URL"
STATE_DIR_ENV = "ODD17_STATE_DIR"
SQLITE_FILE = "debat.sqlite"
BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_S = 5
MIGRATION_LOCK = 1_704_170_417  # PostgreSQL advisory lock: one replica migrates at a time
UNAVAILABLE_ERRORS = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError, exc.DisconnectionError, sqlite3.OperationalError, OSError)


def now_utc() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """In UTC; SQLite hands back naive datetimes, which were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def state_dir(environ=os.environ) -> Path:
    value = environ.get(STATE_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else Path.home() / ".local" / "state" / "odd17"


def default_url(environ=os.environ) -> str:
    """ODD17_DATABASE_URL, else the SQLite file in the state folder."""
    value = environ.get(DATABASE_URL_ENV, "").strip()
    return value or f"sqlite:///{state_dir(environ) / SQLITE_FILE}"


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:") or parsed.query.get("uri"):
        return None
    return Path(parsed.database).expanduser()


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def sqlite_engine(path: Path, create: bool) -> Engine:
    """SQLite in WAL with a busy timeout; writes take the lock up front with BEGIN IMMEDIATE.

    After the first use the file is opened with mode=rw: a missing file or folder is
    an error (StoreUnavailable), never a new empty database that would hide the votes.
    Connections are pooled (closing the last one checkpoints the WAL: slow), and each
    checkout checks that the path still names the file the connection opened, so a
    removed, moved or replaced file is seen at once rather than written to in limbo.
    """
    mode = "rwc" if create else "rw"

    def connect() -> sqlite3.Connection:
        uri = f"file:{quote(str(path))}?mode={mode}"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=5, max_overflow=20, pool_timeout=10)

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record) -> None:  # the "pysqlite serializable" recipe of SQLAlchemy's docs
        record.info["file"] = file_identity(path)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a commit survives the app being killed
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "checkout")
    def on_checkout(_dbapi_connection, record, _proxy) -> None:
        if file_identity(path) != record.info.get("file"):
            raise exc.DisconnectionError("the database file was removed or replaced")  # the pool reconnects (or fails)

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("odd17_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def server_engine(url: str) -> Engine:
    """PostgreSQL (or another server): pre-ping so a restarted server is reconnected transparently."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):  # a plain postgresql:// URL: the installed driver is psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    return sa.create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=20, pool_timeout=10, connect_args=args)


def migrate(connection: Connection, target: str = "head") -> None:
    """Alembic upgrade to `target` on this connection, inside its transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    command.upgrade(config, target)
