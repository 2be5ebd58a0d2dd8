"""The live debate's queries: SQLAlchemy 2 Core on SQLite (default) or PostgreSQL (several replicas).

Every public method is one transaction: it commits whole or changes nothing. A
database that is down, read-only or missing raises StoreUnavailable with a French
message, and the next call tries again (no restart needed). One answer per
(debate, question, device) is a unique constraint with an upsert, so two replicas
or fifty threads can never store a second vote. The database keeps the sha256 of
a browser's random token and of the facilitator's key, never the token or the
key, and no IP address or user agent. The tables are in odd17.debate.schema, the
engines and migrations in odd17.debate.engine; the questions come from the caller
(odd17.debate.questions), the store never reads the dataset.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection, Engine

from odd17.debate import rules
from odd17.debate.engine import UNAVAILABLE_ERRORS, aware, default_url, migrate, now_utc, server_engine, sqlite_engine, sqlite_file
from odd17.debate.errors import Forbidden, Refused, StoreUnavailable, UnknownDebate
from odd17.debate.questions import Question
from odd17.debate.schema import answers, counters, debates, items, join_attempts, metadata, participants

CODE_ATTEMPTS = 20  # fresh codes tried when one is taken (25^6 codes: practically never)
DEFAULT_TITLE = "Débat ODD 17"
OPTION_SEPARATOR = "|"
AUTO_PURGE_EVERY_S = 3600

__all__ = ["Debate", "OpenText", "Receipt", "Store", "answers", "debates", "metadata", "migrate", "participants", "sqlite_engine"]


@dataclass(frozen=True)
class Debate:
    code: str
    title: str
    region: str
    created_at: datetime
    question_ids: tuple[str, ...]
    open_question: str | None
    revealed: frozenset[str]
    closed: frozenset[str]


@dataclass(frozen=True)
class Receipt:
    participant: int
    replaced: bool


@dataclass(frozen=True)
class OpenText:
    id: int
    text: str
    hidden: bool
    created_at: datetime


def split(value: str) -> tuple[str, ...]:
    return tuple(item for item in value.split(OPTION_SEPARATOR) if item)


class Store:
    """The debates, their questions' state, the answers. Thread-safe; one instance per process is enough."""

    def __init__(self, url: str | None = None, auto_purge: bool = True):
        self.url = url or default_url()
        self._auto_purge = auto_purge
        self._file = sqlite_file(self.url)
        self._engine: Engine | None = None
        self._ready = False
        self._lock = threading.RLock()
        self._purged_at: float | None = None
        # SQLite has one writer at a time; its busy handler waits by sleeping (up to 100 ms a try),
        # so this process's writers queue on a lock instead. Other processes still get busy_timeout.
        self._writer = threading.Lock() if self._file else None

    # -- plumbing -----------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = sqlite_engine(self._file, create=False) if self._file else server_engine(self.url)
        return self._engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def setup(self) -> None:
        """Create the state folder and the schema (Alembic, to head) on first use; retried until it works."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            try:
                if self._file:
                    self._file.parent.mkdir(parents=True, exist_ok=True)
                    engine = sqlite_engine(self._file, create=True)
                    try:
                        with engine.connect().execution_options(odd17_write=True) as connection, connection.begin():
                            migrate(connection)
                    finally:
                        engine.dispose()
                else:
                    with self.engine.begin() as connection:
                        migrate(connection)
            except (*UNAVAILABLE_ERRORS, exc.DBAPIError) as error:  # down, read-only, not a database: retried next call
                raise StoreUnavailable() from error
            self._ready = True
        self.auto_purge()

    def auto_purge(self) -> None:
        """The retention, applied by the app itself: at first use, then at most hourly when a debate is created.

        A bad ODD17_DEBATE_RETENTION_DAYS skips it (`python -m odd17 debat purger` reports it) rather than
        stopping a debate in front of a room.
        """
        moment = time.monotonic()
        if not self._auto_purge or (self._purged_at is not None and moment - self._purged_at < AUTO_PURGE_EVERY_S):
            return
        self._purged_at = moment
        try:
            rules.retention_days()
        except ValueError:
            return
        self.purge()

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Connection]:
        """One transaction; database failures become StoreUnavailable, and nothing is half-written."""
        self.setup()
        queue = self._writer if write and self._writer else nullcontext()
        try:
            with queue, self.engine.connect().execution_options(odd17_write=write) as connection, connection.begin():
                yield connection
        except UNAVAILABLE_ERRORS as error:
            self.unavailable(error)
        except exc.DBAPIError as error:
            # A file that is no longer a database, a dropped table: the store is down, not the request wrong.
            if error.connection_invalidated or not isinstance(error, exc.IntegrityError | exc.DataError):
                self.unavailable(error)
            raise

    def unavailable(self, error: BaseException) -> None:
        """Drop the pooled connections (they may be stuck on a vanished file or server) and say so in French."""
        if self._engine is not None:
            self._engine.dispose()
        raise StoreUnavailable() from error

    def insert(self, table: sa.Table):
        """The dialect's INSERT, which knows ON CONFLICT."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # -- reading a debate ---------------------------------------------------------

    def row(self, connection: Connection, code: object, lock: bool = False, shared: bool = False):
        normal = rules.normalise_code(code)
        if normal is None:
            raise UnknownDebate()
        query = sa.select(debates).where(debates.c.code == normal)
        if lock or shared:
            # PostgreSQL: the facilitator's changes lock the debate; answers share-lock it, so they run side by side
            # but never across a close. SQLite has one writer at a time anyway (BEGIN IMMEDIATE).
            query = query.with_for_update(read=shared and not lock)
        row = connection.execute(query).mappings().first()
        if row is None:
            raise UnknownDebate()
        return row

    def authorised(self, connection: Connection, code: object, secret: str | None):
        row = self.row(connection, code, lock=True)
        if not rules.secret_matches(secret, row["secret_hash"]):
            raise Forbidden()
        return row

    def item_rows(self, connection: Connection, debate_id: int) -> list:
        query = sa.select(items).where(items.c.debate_id == debate_id).order_by(items.c.position)
        return list(connection.execute(query).mappings())

    def item(self, connection: Connection, debate_id: int, question_id: str):
        query = sa.select(items).where(items.c.debate_id == debate_id, items.c.question_id == question_id)
        row = connection.execute(query).mappings().first()
        if row is None:
            raise Refused("Cette question ne fait pas partie du débat.")
        return row

    def debate(self, connection: Connection, row) -> Debate:
        rows = self.item_rows(connection, row["id"])
        return Debate(
            code=row["code"],
            title=row["title"],
            region=row["region"],
            created_at=aware(row["created_at"]),
            question_ids=tuple(r["question_id"] for r in rows),
            open_question=row["open_question"],
            revealed=frozenset(r["question_id"] for r in rows if r["revealed"]),
            closed=frozenset(r["question_id"] for r in rows if r["closed"]),
        )

    def get(self, code: str) -> Debate:
        with self.transaction() as connection:
            return self.debate(connection, self.row(connection, code))

    def check_secret(self, code: str, secret: str | None) -> bool:
        with self.transaction() as connection:
            return rules.secret_matches(secret, self.row(connection, code)["secret_hash"])

    # -- creating and deleting -------------------------------------------------------

    def create(self, region: str, title: str, chosen: Sequence[Question]) -> tuple[Debate, str]:
        """A new debate with a fresh code and secret; its first question is open. Returns (debate, secret).

        The region and the questions come checked by the caller (odd17.debate.questions.resolve).
        """
        if not chosen:
            raise Refused("Choisissez au moins une question.")
        self.setup()
        self.auto_purge()
        title = " ".join((title or "").split()) or DEFAULT_TITLE
        if len(title) > rules.MAX_TITLE:
            raise Refused(f"Titre trop long : {rules.MAX_TITLE} caractères au plus.")
        secret = rules.new_secret()
        for _ in range(CODE_ATTEMPTS):
            try:
                with self.transaction(write=True) as connection:
                    debate_id = connection.execute(
                        debates.insert().returning(debates.c.id),
                        {
                            "code": rules.new_code(),
                            "title": title,
                            "region": region,
                            "secret_hash": rules.secret_hash(secret),
                            "open_question": chosen[0].id,
                            "participants": 0,
                            "created_at": now_utc(),
                        },
                    ).scalar_one()
                    connection.execute(counters.insert(), {"debate_id": debate_id, "last_number": 0})
                    connection.execute(
                        items.insert(),
                        [
                            {
                                "debate_id": debate_id,
                                "question_id": q.id,
                                "position": i,
                                "kind": q.kind,
                                "options": OPTION_SEPARATOR.join(q.options),
                            }
                            for i, q in enumerate(chosen)
                        ],
                    )
                    row = connection.execute(sa.select(debates).where(debates.c.id == debate_id)).mappings().one()
                    return self.debate(connection, row), secret
            except exc.IntegrityError:  # the code was taken: draw another
                continue
        raise StoreUnavailable("Impossible de tirer un code de débat libre : réessayez.")

    def remove(self, connection: Connection, debate_id: int) -> None:
        """Delete a debate and everything under it (explicitly: SQLite's foreign keys may be off elsewhere)."""
        for table in (answers, participants, counters, items):
            connection.execute(table.delete().where(table.c.debate_id == debate_id))
        connection.execute(debates.delete().where(debates.c.id == debate_id))

    def delete(self, code: str, secret: str | None) -> None:
        with self.transaction(write=True) as connection:
            self.remove(connection, self.authorised(connection, code, secret)["id"])

    def delete_admin(self, code: str) -> None:
        """Delete without the secret: the operator's command line."""
        with self.transaction(write=True) as connection:
            self.remove(connection, self.row(connection, code, lock=True)["id"])

    def purge(self, now: datetime | None = None) -> int:
        """Delete the debates older than the retention period, and stale join attempts; returns the debates deleted."""
        now = now or now_utc()
        limit = now - timedelta(days=rules.retention_days())
        with self.transaction(write=True) as connection:
            old = connection.execute(sa.select(debates.c.id).where(debates.c.created_at < limit)).scalars().all()
            for debate_id in old:
                self.remove(connection, debate_id)
            window = now - timedelta(minutes=rules.JOIN_WINDOW_MINUTES)
            connection.execute(join_attempts.delete().where(join_attempts.c.attempted_at < window))
            return len(old)

    # -- facilitator ------------------------------------------------------------------

    def set_items(self, connection: Connection, debate_id: int, question_id: str, **values) -> None:
        connection.execute(items.update().where(items.c.debate_id == debate_id, items.c.question_id == question_id).values(**values))

    def open_question(self, code: str, secret: str | None, question_id: str) -> None:
        """Open a question for answers; the question open before it is closed."""
        with self.transaction(write=True) as connection:
            row = self.authorised(connection, code, secret)
            self.item(connection, row["id"], question_id)
            previous = row["open_question"]
            if previous and previous != question_id:
                self.set_items(connection, row["id"], previous, closed=True)
            self.set_items(connection, row["id"], question_id, closed=False)
            connection.execute(debates.update().where(debates.c.id == row["id"]).values(open_question=question_id))

    def close_question(self, code: str, secret: str | None, question_id: str) -> None:
        with self.transaction(write=True) as connection:
            row = self.authorised(connection, code, secret)
            self.item(connection, row["id"], question_id)
            self.set_items(connection, row["id"], question_id, closed=True)
            if row["open_question"] == question_id:
                connection.execute(debates.update().where(debates.c.id == row["id"]).values(open_question=None))

    def reveal(self, code: str, secret: str | None, question_id: str, shown: bool = True) -> None:
        with self.transaction(write=True) as connection:
            row = self.authorised(connection, code, secret)
            self.item(connection, row["id"], question_id)
            self.set_items(connection, row["id"], question_id, revealed=bool(shown))

    def hide_answer(self, code: str, secret: str | None, answer_id: int, hidden: bool = True) -> None:
        """Moderate an open answer: a hidden text never reaches the projector, even if its author rewrites it."""
        with self.transaction(write=True) as connection:
            row = self.authorised(connection, code, secret)
            try:
                answer_id = int(answer_id)
            except (TypeError, ValueError):
                raise Refused("Cette réponse n'existe pas dans ce débat.") from None
            done = connection.execute(
                answers.update().where(answers.c.debate_id == row["id"], answers.c.id == answer_id).values(hidden=bool(hidden))
            )
            if done.rowcount == 0:
                raise Refused("Cette réponse n'existe pas dans ce débat.")

    def reset_question(self, code: str, secret: str | None, question_id: str) -> None:
        """Forget the answers to one question and hide its results again."""
        with self.transaction(write=True) as connection:
            row = self.authorised(connection, code, secret)
            self.item(connection, row["id"], question_id)
            connection.execute(answers.delete().where(answers.c.debate_id == row["id"], answers.c.question_id == question_id))
            self.set_items(connection, row["id"], question_id, revealed=False)

    def export(self, code: str, secret: str | None) -> list[dict]:
        """export_rows for the facilitator: needs the debate's secret."""
        with self.transaction() as connection:
            row = self.row(connection, code)
            if not rules.secret_matches(secret, row["secret_hash"]):
                raise Forbidden()
            return self.rows_of(connection, row["id"])

    # -- participants -------------------------------------------------------------------

    def participant(self, connection: Connection, debate_id: int, key: str) -> int:
        """The device's anonymous number in this debate, numbered on its first answer."""
        query = sa.select(participants.c.number).where(participants.c.debate_id == debate_id, participants.c.device_key == key)
        number = connection.execute(query).scalar()
        if number is not None:
            return number
        counter = (
            counters.update()
            .where(counters.c.debate_id == debate_id)
            .values(last_number=counters.c.last_number + 1)
            .returning(counters.c.last_number)
        )
        number = connection.execute(counter).scalar_one()
        # The same phone on two replicas at once: the second insert waits for the first and keeps its number.
        claim = self.insert(participants).values(debate_id=debate_id, device_key=key, number=number).on_conflict_do_nothing()
        claimed = connection.execute(claim.returning(participants.c.number)).scalar()
        return claimed if claimed is not None else connection.execute(query).scalar_one()

    def answer(self, code: str, question_id: str, device_token: str, choice: str | None = None, text: str | None = None) -> Receipt:
        """Record a device's answer; a new answer from the same device replaces its earlier one."""
        if not isinstance(device_token, str) or not device_token.strip() or len(device_token) > 512:
            raise Refused("Votre navigateur n'a pas pu être reconnu : rechargez la page.")
        key = rules.device_key(device_token)
        with self.transaction(write=True) as connection:
            row = self.row(connection, code, shared=True)
            if row["open_question"] != question_id:
                raise Refused("Cette question n'est pas ouverte : les réponses sont closes.")
            item = self.item(connection, row["id"], question_id)
            values = self.answer_values(item, choice, text)
            number = self.participant(connection, row["id"], key)
            moment = now_utc()
            statement = self.insert(answers).values(
                debate_id=row["id"],
                question_id=question_id,
                device_key=key,
                participant=number,
                created_at=moment,
                updated_at=moment,
                revision=1,
                hidden=False,
                **values,
            )
            statement = statement.on_conflict_do_update(
                index_elements=[answers.c.debate_id, answers.c.question_id, answers.c.device_key],
                set_={**values, "updated_at": moment, "revision": answers.c.revision + 1},  # `hidden` stays: moderation sticks
            ).returning(answers.c.revision)
            revision = connection.execute(statement).scalar_one()
            return Receipt(participant=number, replaced=revision > 1)

    @staticmethod
    def answer_values(item, choice: str | None, text: str | None) -> dict:
        if item["kind"] == "open":
            cleaned = (text or "").strip()
            if not cleaned:
                raise Refused("Écrivez une réponse avant de l'envoyer.")
            if len(cleaned) > rules.MAX_TEXT:
                raise Refused(f"Réponse trop longue : {rules.MAX_TEXT} caractères au plus (vous en avez écrit {len(cleaned)}).")
            return {"choice": None, "text": cleaned}
        if choice not in split(item["options"]):
            raise Refused("Cette réponse ne fait pas partie des choix proposés.")
        return {"choice": choice, "text": None}

    def my_answer(self, code: str, question_id: str, device_token: str | None) -> str | None:
        if not device_token:
            return None
        with self.transaction() as connection:
            row = self.row(connection, code)
            query = sa.select(answers.c.choice, answers.c.text).where(
                answers.c.debate_id == row["id"],
                answers.c.question_id == question_id,
                answers.c.device_key == rules.device_key(device_token),
            )
            found = connection.execute(query).first()
            return None if found is None else (found.choice if found.choice is not None else found.text)

    def note_unknown_code(self, device_token: str | None) -> None:
        """Count an unknown code typed by this device (the window's older attempts are dropped)."""
        key = rules.device_key(device_token or "")
        moment = now_utc()
        with self.transaction(write=True) as connection:
            window = moment - timedelta(minutes=rules.JOIN_WINDOW_MINUTES)
            connection.execute(join_attempts.delete().where(join_attempts.c.device_key == key, join_attempts.c.attempted_at < window))
            connection.execute(join_attempts.insert(), {"device_key": key, "attempted_at": moment})

    def join_allowed(self, device_token: str | None) -> bool:
        """False after JOIN_ATTEMPTS unknown codes within JOIN_WINDOW_MINUTES from this device."""
        key = rules.device_key(device_token or "")
        window = now_utc() - timedelta(minutes=rules.JOIN_WINDOW_MINUTES)
        with self.transaction() as connection:
            query = (
                sa.select(sa.func.count())
                .select_from(join_attempts)
                .where(join_attempts.c.device_key == key, join_attempts.c.attempted_at >= window)
            )
            return connection.execute(query).scalar_one() < rules.JOIN_ATTEMPTS

    def join(self, code: str, device_token: str | None) -> Debate:
        """The debate of a typed code, counting unknown codes; Refused once the device has tried too many."""
        if not self.join_allowed(device_token):
            raise Refused(f"Trop de codes inconnus : réessayez dans {rules.JOIN_WINDOW_MINUTES} minutes.")
        try:
            return self.get(code)
        except UnknownDebate:
            self.note_unknown_code(device_token)
            raise

    # -- results ---------------------------------------------------------------------------

    def tally(self, code: str, question_id: str) -> rules.Tally:
        with self.transaction() as connection:
            row = self.row(connection, code)
            item = self.item(connection, row["id"], question_id)
            query = (
                sa.select(answers.c.choice, sa.func.count())
                .where(answers.c.debate_id == row["id"], answers.c.question_id == question_id)
                .group_by(answers.c.choice)
            )
            found = {choice: n for choice, n in connection.execute(query)}
        counts = {option: found.get(option, 0) for option in split(item["options"])}
        return rules.Tally(question_id=question_id, counts=counts, total=sum(found.values()))

    def count(self, code: str, question_id: str) -> int:
        with self.transaction() as connection:
            row = self.row(connection, code)
            query = (
                sa.select(sa.func.count())
                .select_from(answers)
                .where(answers.c.debate_id == row["id"], answers.c.question_id == question_id)
            )
            return connection.execute(query).scalar_one()

    def texts(self, code: str, question_id: str, include_hidden: bool = False) -> list[OpenText]:
        with self.transaction() as connection:
            row = self.row(connection, code)
            query = sa.select(answers.c.id, answers.c.text, answers.c.hidden, answers.c.created_at).where(
                answers.c.debate_id == row["id"], answers.c.question_id == question_id, answers.c.text.is_not(None)
            )
            if not include_hidden:
                query = query.where(answers.c.hidden.is_(False))
            found = connection.execute(query.order_by(answers.c.created_at, answers.c.id)).all()
        return [OpenText(id=r.id, text=r.text, hidden=bool(r.hidden), created_at=aware(r.created_at)) for r in found]

    def export_rows(self, code: str) -> list[dict]:
        """Every answer: question, reponse, participant (anonymous number), horodatage (+ masquee for open texts)."""
        with self.transaction() as connection:
            return self.rows_of(connection, self.row(connection, code)["id"])

    def rows_of(self, connection: Connection, debate_id: int) -> list[dict]:
        query = (
            sa.select(answers, items.c.position, items.c.kind)
            .join(items, sa.and_(items.c.debate_id == answers.c.debate_id, items.c.question_id == answers.c.question_id))
            .where(answers.c.debate_id == debate_id)
            .order_by(items.c.position, answers.c.participant)
        )
        rows = []
        for r in connection.execute(query).mappings():
            row = {
                "question": r["question_id"],
                "reponse": r["choice"] if r["kind"] == "choice" else r["text"],
                "participant": r["participant"],
                "horodatage": aware(r["updated_at"]),
            }
            if r["kind"] == "open":
                row["masquee"] = bool(r["hidden"])
            rows.append(row)
        return rows
