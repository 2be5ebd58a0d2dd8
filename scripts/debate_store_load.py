"""Load on the debate store alone: a room of N phones answering through the Store API.

Usage: python scripts/debate_store_load.py [--participants 200] [--join-seconds 10] [--changes 0.2]
       [--setup sqlite|postgresql|both] [--pg-url URL]

This is the store under the concurrency of a room, without Streamlit or browsers
(scripts/load.py and the debate UI's load test drive the real server): N phones tap
at random moments spread over --join-seconds, a share of them change their answer a
moment later, and a presenter polls the count every 0.5 s, as the animer page does.
One thread per phone, each transaction on its own pooled connection. Set-ups:
  sqlite      one Store (one replica) on a SQLite file in a temporary folder;
  postgresql  two Store instances (two replicas, two connection pools) on one PostgreSQL
              database created for the run and dropped after; phone i uses replica i % 2
              for its first tap and the other one for its change, the presenter reads replica 0.
PostgreSQL comes from --pg-url or ODD17_TEST_PG_URL (eval "$(scripts/postgres-test-setup.sh)").

It prints one table: answers sent, stored (read back from the database), lost and
duplicates (both must be 0), p50/p95 from tap to receipt, p50/p95 from tap to a
presenter count that includes it, the process CPU time and resident memory
before/after. Bounded: at most 1000 phones, 60 s of taps. Exit 1 if anything is lost
or duplicated.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from odd17.dataset import load  # noqa: E402
from odd17.debate.questions import by_id  # noqa: E402
from odd17.debate.store import Store  # noqa: E402

MAX_PARTICIPANTS = 1000
MAX_JOIN_SECONDS = 60
QUESTION = "q7_accelerateur"
OPTIONS = ("Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord")
POLL_S = 0.5


@dataclass
class Run:
    taps: list[float] = field(default_factory=list)  # first tap of each phone, in commit order
    receipts: list[float] = field(default_factory=list)  # tap → receipt, every answer
    committed: list[tuple[float, float]] = field(default_factory=list)  # (commit time, tap time) of first answers
    polls: list[tuple[float, int]] = field(default_factory=list)  # (time, count seen by the presenter)
    errors: list[str] = field(default_factory=list)
    sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def phone(run: Run, replicas: list[Store], code: str, i: int, start: float, delay: float, change: bool) -> None:
    time.sleep(max(0.0, start + delay - time.perf_counter()))
    token = secrets.token_urlsafe(24)
    taps = [(replicas[i % len(replicas)], random.choice(OPTIONS))]
    if change:
        taps.append((replicas[(i + 1) % len(replicas)], random.choice(OPTIONS)))
    for n, (store, choice) in enumerate(taps):
        tapped = time.perf_counter()
        try:
            store.answer(code, QUESTION, token, choice=choice)
        except Exception as error:  # counted and printed: a lost answer
            with run.lock:
                run.errors.append(f"{type(error).__name__}: {error}")
                run.sent += 1
            continue
        done = time.perf_counter()
        with run.lock:
            run.sent += 1
            run.receipts.append(done - tapped)
            if n == 0:
                run.committed.append((done, tapped))
        if change and n == 0:
            time.sleep(random.uniform(0.5, 2.0))


def presenter(run: Run, store: Store, code: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            run.polls.append((time.perf_counter(), store.count(code, QUESTION)))
        except Exception as error:
            run.errors.append(f"presenter {type(error).__name__}: {error}")
        stop.wait(POLL_S)


def to_presenter(run: Run) -> list[float]:
    """Tap → first presenter poll whose count includes the answer (the k-th committed first answer needs count ≥ k)."""
    latencies = []
    for k, (_, tapped) in enumerate(sorted(run.committed), start=1):
        seen = next((t for t, count in run.polls if count >= k and t >= tapped), None)
        if seen is not None:
            latencies.append(seen - tapped)
    return latencies


def play(replicas: list[Store], participants: int, join_seconds: float, changes: float) -> dict:
    code = replicas[0].create("FR", "Charge", [by_id(load())[QUESTION]])[0].code
    run, stop = Run(), threading.Event()
    cpu0, rss0 = time.process_time(), rss_mb()
    watcher = threading.Thread(target=presenter, args=(run, replicas[0], code, stop))
    start = time.perf_counter()
    phones = [
        threading.Thread(target=phone, args=(run, replicas, code, i, start, random.uniform(0, join_seconds), random.random() < changes))
        for i in range(participants)
    ]
    watcher.start()
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join()
    time.sleep(2 * POLL_S)  # let the presenter see the last answers
    stop.set()
    watcher.join()
    elapsed = time.perf_counter() - start
    rows = replicas[-1].export_rows(code)
    devices = [r["participant"] for r in rows]
    presenter_lat = to_presenter(run)
    return {
        "sent": run.sent,
        "stored": len(rows),
        "lost": participants - len(set(devices)),
        "duplicates": len(devices) - len(set(devices)),
        "errors": len(run.errors),
        "p50 reçu": statistics.median(run.receipts) * 1000 if run.receipts else float("nan"),
        "p95 reçu": percentile(run.receipts, 0.95) * 1000,
        "p50 écran": statistics.median(presenter_lat) * 1000 if presenter_lat else float("nan"),
        "p95 écran": percentile(presenter_lat, 0.95) * 1000,
        "durée": elapsed,
        "cpu": time.process_time() - cpu0,
        "rss": (rss0, rss_mb()),
        "first_errors": run.errors[:3],
    }


def sqlite_setup(ds) -> tuple[list[Store], callable]:
    folder = tempfile.mkdtemp(prefix="odd17-load-")
    store = Store(f"sqlite:///{folder}/debat.sqlite")
    return [store], store.dispose


def postgres_setup(ds, url: str) -> tuple[list[Store], callable]:
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = "odd17_load_" + secrets.token_hex(4)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    target = make_url(url).set(database=name).render_as_string(hide_password=False)
    replicas = [Store(target), Store(target)]

    def cleanup() -> None:
        for replica in replicas:
            replica.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return replicas, cleanup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--join-seconds", type=float, default=10.0)
    parser.add_argument("--changes", type=float, default=0.2, help="share of phones that change their answer")
    parser.add_argument("--setup", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("ODD17_TEST_PG_URL", ""))
    args = parser.parse_args()
    participants = max(1, min(args.participants, MAX_PARTICIPANTS))
    join_seconds = max(0.0, min(args.join_seconds, MAX_JOIN_SECONDS))
    ds = load()
    setups = ["sqlite", "postgresql"] if args.setup == "both" else [args.setup]
    results = {}
    for setup in setups:
        if setup == "postgresql" and not args.pg_url:
            print("PostgreSQL : pas d'URL (--pg-url ou ODD17_TEST_PG_URL) ; set-up sauté", file=sys.stderr)
            continue
        replicas, cleanup = sqlite_setup(ds) if setup == "sqlite" else postgres_setup(ds, args.pg_url)
        try:
            replicas[0].setup()
            results[f"{setup} ×{len(replicas)}"] = play(replicas, participants, join_seconds, args.changes)
        finally:
            cleanup()
    print(f"{participants} téléphones en {join_seconds:g} s, {args.changes:.0%} changent d'avis ; API du Store, sans navigateur")
    header = (
        "set-up",
        "envoyées",
        "stockées",
        "perdues",
        "doublons",
        "erreurs",
        "reçu p50/p95 ms",
        "écran p50/p95 ms",
        "durée s",
        "CPU s",
        "RSS avant→après Mo",
    )
    print(" | ".join(header))
    for name, r in results.items():
        cells = (
            name,
            r["sent"],
            r["stored"],
            r["lost"],
            r["duplicates"],
            r["errors"],
            f"{r['p50 reçu']:.0f}/{r['p95 reçu']:.0f}",
            f"{r['p50 écran']:.0f}/{r['p95 écran']:.0f}",
            f"{r['durée']:.1f}",
            f"{r['cpu']:.1f}",
            f"{r['rss'][0]:.0f}→{r['rss'][1]:.0f}",
        )
        print(" | ".join(str(c) for c in cells))
        for error in r["first_errors"]:
            print(f"  {name} : {error}")
    return 1 if any(r["lost"] or r["duplicates"] or r["errors"] for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
