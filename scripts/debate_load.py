"""Load test of the live debate: a room of phones answering while the presenter's screen counts.

Usage:
    python scripts/debate_load.py [--phones 200] [--browsers 12] [--window 10] [--changes 0.2]
                                  [--replicas 1] [--database-url URL]

Starts `--replicas` app servers itself (`streamlit run app.py` on free 127.0.0.1 ports, all
sharing one database: a fresh SQLite file in a temporary state folder by default, or
`--database-url`, e.g. the PostgreSQL of scripts/postgres-test-setup.sh), creates a debate
through the store, and opens the presenter's screen (/animer, real Chromium, 1280×800) on
the first replica. Then it plays the room: every phone joins within the first seconds, taps
one answer at a random moment inside the `--window`, and a share of them (`--changes`)
taps another answer a second or two later. Phone i talks to replica i mod N; a phone that
changes its answer does it on the next replica, with the same device cookie.

Two kinds of phones, both talking to the same running servers:
- `--browsers` real Chromium contexts (390×844, one browser process): the whole path,
  rendering included. About a dozen is what this 2-CPU machine holds beside the servers.
- the rest: a small driver of Streamlit's own websocket protocol (what the browser's
  frontend does): it gets its device cookie from an HTTP GET (odd17.debate.device's middleware),
  opens /_stcore/stream with it, sends the BackMsg `rerun_script` a page load sends,
  reads the ForwardMsg deltas to find the answer buttons' widget ids, and taps by sending
  the button's trigger value. The server does exactly the work a phone costs it (one
  session, one script run per tap, the store's transaction, the deltas); only the
  phone's own rendering is left out, which costs the phone, not the server.

Measured: answers sent and confirmed; what the database holds for the debate (read
after the run, per device: sha256 of each phone's cookie); lost (a phone's last
confirmed answer missing or different in the database); duplicates (more than one row
per device and question); tap → « Réponse enregistrée » on the phone; tap → the
presenter's count including it (first moment the presenter shows at least as many
answers as phones confirmed by then); servers' CPU and resident memory (/proc) before,
after (phones gone, a settle) and peak. Prints one table, exit status 1 when an answer
is lost or duplicated or a phone saw an error.

Bounded: at most 400 phones, 40 browsers, 4 replicas, a 60 s window, 300 s in all;
everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import appserver  # noqa: E402  (shared with the browser tests)
import sqlalchemy as sa  # noqa: E402
import stclient  # noqa: E402  (Streamlit's websocket protocol, shared with the mischief tests)
from playwright.async_api import async_playwright  # noqa: E402

from odd17.dataset import load as load_dataset  # noqa: E402
from odd17.debate import device, rules  # noqa: E402
from odd17.debate.questions import by_id  # noqa: E402
from odd17.debate.store import Store, answers, debates  # noqa: E402

MAX_PHONES, MAX_BROWSERS, MAX_REPLICAS, MAX_WINDOW_S, MAX_TOTAL_S, MAX_DRIVERS = 400, 40, 4, 60, 300, 8
JOIN_SPREAD_S = 3.0  # every phone opens the participant page within these first seconds
STEP_TIMEOUT_S = 60.0
SETTLE_S = 10.0  # after the phones leave, before "after" memory
PRESENTER_POLL_S = 0.1
QUESTION = "q7_accelerateur"
CONFIRMED = "Réponse enregistrée"
UNAVAILABLE = "indisponible"
PHONE_VIEWPORT = {"width": 390, "height": 844}
PRESENTER_VIEWPORT = {"width": 1280, "height": 800}
COUNT_JS = """() => {
    const el = document.querySelector('[class*="st-key-live-count"]');
    if (!el) return null;
    const digits = el.innerText.replace(/\\D/g, '');
    return /Aucune/.test(el.innerText) ? 0 : (digits ? parseInt(digits, 10) : null);
}"""


@dataclass
class Tap:
    choice: str
    tapped: float
    confirmed: float | None = None
    error: str = ""


@dataclass
class Phone:
    index: int
    browser: bool
    replica: int
    join_at: float
    tap_at: float
    change_at: float | None
    token: str = ""
    taps: list[Tap] = field(default_factory=list)
    error: str = ""

    def last_confirmed(self) -> str | None:
        done = [t for t in self.taps if t.confirmed is not None]
        return done[-1].choice if done else None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--browsers", type=int, default=12, help="how many phones are real Chromium contexts")
    parser.add_argument("--window", type=float, default=10.0, help="seconds in which every phone taps its first answer")
    parser.add_argument("--changes", type=float, default=0.2, help="share of phones that change their answer")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--drivers", type=int, default=3, help="processes that share the websocket phones")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    args.phones = max(1, min(args.phones, MAX_PHONES))
    args.browsers = max(0, min(args.browsers, MAX_BROWSERS, args.phones))
    args.replicas = max(1, min(args.replicas, MAX_REPLICAS))
    args.drivers = max(1, min(args.drivers, MAX_DRIVERS))
    args.window = max(JOIN_SPREAD_S + 2, min(args.window, MAX_WINDOW_S))
    args.changes = max(0.0, min(args.changes, 1.0))
    return args


# --- servers -------------------------------------------------------------------------------------


@dataclass
class Replica:
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1]


def start_replicas(count: int, env: dict[str, str], logs: Path) -> list[Replica]:
    replicas = []
    for i in range(count):
        port = appserver.free_port()
        log = logs / f"replica-{i + 1}.log"
        with log.open("w") as out:
            process = subprocess.Popen(appserver.command(port), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env})
        replicas.append(Replica(f"http://{appserver.HOST}:{port}", process, log))
    for replica in replicas:
        appserver.wait_healthy(appserver.AppServer(replica.url, replica.process, replica.log))
    return replicas


def stop_replicas(replicas: list[Replica]) -> None:
    for replica in replicas:
        appserver.stop(appserver.AppServer(replica.url, replica.process, replica.log))


def vm_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the websocket phone -------------------------------------------------------------------------


def device_cookie(url: str, code: str) -> str:
    """What a browser gets on its first page load: the device cookie set by odd17.debate.device."""
    return stclient.first_cookie(f"{url}/participer?code={code}", device.COOKIE)


def socket(url: str, code: str, token: str) -> stclient.Session:
    return stclient.Session(url.split("://", 1)[1], "participer", f"code={code}", f"{device.COOKIE}={token}")


async def load(session: stclient.Session) -> None:
    run = await session.run()
    if not run.buttons:
        raise RuntimeError("no answer button: " + " | ".join(run.alerts)[:200])


async def tap(session: stclient.Session, choice: str) -> Tap:
    done = Tap(choice, time.monotonic())
    run = await session.run(session.last.buttons[choice])
    if any(CONFIRMED in a and f"« {choice} »" in a for a in run.alerts):
        done.confirmed = time.monotonic()
    else:
        done.error = " | ".join(run.alerts)[:200] or "no confirmation"
    return done


async def sleep_until(start: float, offset: float) -> None:
    await asyncio.sleep(max(0.0, start + offset - time.monotonic()))


async def ws_phone(phone: Phone, urls: list[str], code: str, options: list[str], start: float, rng: random.Random) -> None:
    try:
        await sleep_until(start, phone.join_at)
        phone.token = await asyncio.to_thread(device_cookie, urls[phone.replica], code)
        first, second = rng.sample(options, 2)
        async with socket(urls[phone.replica], code, phone.token) as session:
            await load(session)
            await sleep_until(start, phone.tap_at)
            phone.taps.append(await tap(session, first))
        if phone.change_at is not None:  # a dropped websocket, back on the next replica with the same cookie
            await sleep_until(start, phone.change_at)
            async with socket(urls[(phone.replica + 1) % len(urls)], code, phone.token) as session:
                await load(session)
                phone.taps.append(await tap(session, second))
    except Exception as error:
        phone.error = f"{type(error).__name__}: {error}"[:200]


def driver_process(
    phones: list[Phone], urls: list[str], code: str, options: list[str], start: float, seed: float
) -> tuple[list[Phone], float]:
    """A share of the websocket phones in a process of its own (one event loop cannot keep up with 200
    sockets beside Playwright: its own delays would be counted as the server's). Returns them and its CPU."""

    async def play_share() -> None:
        rng = random.Random(seed)
        await asyncio.gather(*(ws_phone(p, urls, code, options, start, random.Random(rng.random())) for p in phones))

    with contextlib.suppress(TimeoutError):
        asyncio.run(asyncio.wait_for(play_share(), MAX_TOTAL_S))
    used = os.times()
    return phones, used.user + used.system


# --- the Chromium phone and presenter ------------------------------------------------------------


async def browser_phone(
    phone: Phone, browser, replicas: list[Replica], code: str, options: list[str], start: float, rng: random.Random
) -> None:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="fr-FR", is_mobile=True, has_touch=True)
    context.set_default_timeout(STEP_TIMEOUT_S * 1000)
    try:
        first, second = rng.sample(options, 2)
        page = await context.new_page()
        await sleep_until(start, phone.join_at)
        await page.goto(f"{replicas[phone.replica].url}/participer?code={code}", wait_until="commit")
        await button(page, first).wait_for()
        phone.token = next(c["value"] for c in await context.cookies() if c["name"] == device.COOKIE)
        await sleep_until(start, phone.tap_at)
        phone.taps.append(await browser_tap(page, first))
        if phone.change_at is not None:  # reloaded on the next replica: same browser, same cookie
            await sleep_until(start, phone.change_at)
            await page.goto(f"{replicas[(phone.replica + 1) % len(replicas)].url}/participer?code={code}", wait_until="commit")
            await button(page, second).wait_for()
            phone.taps.append(await browser_tap(page, second))
    except Exception as error:
        phone.error = f"{type(error).__name__}: {error}"[:200]
    finally:
        await context.close()


def button(page, choice: str):
    return page.get_by_role("button", name=re.compile(rf"^(✓ )?{re.escape(choice)}$"))


async def browser_tap(page, choice: str) -> Tap:
    tap = Tap(choice, time.monotonic())
    await button(page, choice).tap()
    done = page.get_by_text(re.compile(rf"{CONFIRMED}\s*:\s*«\s*{re.escape(choice)}\s*»"))
    problem = page.get_by_text(re.compile(UNAVAILABLE))
    await done.or_(problem).first.wait_for()
    if await done.count():
        tap.confirmed = time.monotonic()
    else:
        tap.error = (await problem.first.inner_text())[:200]
    return tap


async def watch_presenter(page, seen: list[tuple[float, int]], stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(Exception):
            count = await page.evaluate(COUNT_JS)
            if count is not None:
                seen.append((time.monotonic(), count))
        await asyncio.sleep(PRESENTER_POLL_S)


# --- the run -------------------------------------------------------------------------------------


def make_phones(args: argparse.Namespace, rng: random.Random) -> list[Phone]:
    every = args.phones / args.browsers if args.browsers else 0
    browsers = {round(i * every) for i in range(args.browsers)}
    phones = []
    for i in range(args.phones):
        join = rng.uniform(0, JOIN_SPREAD_S)
        tap = rng.uniform(JOIN_SPREAD_S + 0.5, args.window - 0.5)
        change = tap + rng.uniform(1.0, 2.0) if rng.random() < args.changes else None
        phones.append(Phone(i, i in browsers, i % args.replicas, join, tap, change))
    return phones


async def warm_up(replicas: list[Replica], code: str) -> None:
    """A first visit per replica: past Streamlit's first-session page lookup and the first imports."""
    for replica in replicas:
        token = await asyncio.to_thread(device_cookie, replica.url, code)
        async with socket(replica.url, code, token) as session:
            await session.run()
            await session.run()


def stored_answers(url: str, code: str) -> list[tuple[str, str]]:
    store = Store(url)
    with store.transaction() as connection:
        query = sa.select(answers.c.device_key, answers.c.choice).join(debates, debates.c.id == answers.c.debate_id)
        rows = connection.execute(query.where(debates.c.code == code, answers.c.question_id == QUESTION)).all()
    store.dispose()
    return [(r.device_key, r.choice) for r in rows]


def presenter_delays(phones: list[Phone], seen: list[tuple[float, int]]) -> list[float]:
    """For each first answer: from its tap to the first presenter count ≥ the phones confirmed by then."""
    firsts = sorted((p.taps[0] for p in phones if p.taps and p.taps[0].confirmed is not None), key=lambda t: t.confirmed)
    delays = []
    for rank, tap in enumerate(firsts, start=1):
        shown = next((moment for moment, count in seen if moment >= tap.tapped and count >= rank), None)
        delays.append(float("inf") if shown is None else shown - tap.tapped)
    return delays


async def run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="odd17-debate-load-") as tmp:
        env = {"ODD17_STATE_DIR": tmp, "ODD17_DATABASE_URL": args.database_url}
        os.environ.update(env)
        url = args.database_url or f"sqlite:///{tmp}/debat.sqlite"
        store = Store(url)
        debate, secret = store.create(rules.FRANCE, "Test de charge", [by_id(load_dataset())[QUESTION]])
        store.dispose()
        options = list(by_id(store.dataset())[QUESTION].options)
        replicas = start_replicas(args.replicas, env, Path(tmp))
        try:
            return await play(args, rng, replicas, debate.code, secret, options, url)
        finally:
            stop_replicas(replicas)


async def play(args, rng, replicas: list[Replica], code: str, secret: str, options: list[str], url: str) -> int:
    await warm_up(replicas, code)
    phones = make_phones(args, rng)
    pool = ProcessPoolExecutor(args.drivers, mp_context=multiprocessing.get_context("spawn"))
    list(pool.map(abs, range(args.drivers)))  # the processes start (and import) before the clock does
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**appserver.launch_args())
        presenter = await (await browser.new_context(viewport=PRESENTER_VIEWPORT, locale="fr-FR")).new_page()
        await presenter.goto(f"{replicas[0].url}/animer?code={code}&cle={secret}")
        await presenter.wait_for_function(f"() => ({COUNT_JS})() !== null", timeout=STEP_TIMEOUT_S * 1000)
        await asyncio.sleep(2)
        pids = [r.process.pid for r in replicas]
        before = {pid: (vm_kib(pid, "VmRSS"), cpu_seconds(pid)) for pid in pids}
        seen: list[tuple[float, int]] = []
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch_presenter(presenter, seen, stop))
        start = time.monotonic()
        urls = [r.url for r in replicas]
        shares = [[p for p in phones if not p.browser][i :: args.drivers] for i in range(args.drivers)]
        loop = asyncio.get_running_loop()
        workers = [loop.run_in_executor(pool, driver_process, share, urls, code, options, start, rng.random()) for share in shares if share]
        tasks = [browser_phone(p, browser, replicas, code, options, start, random.Random(rng.random())) for p in phones if p.browser]
        try:
            async with asyncio.timeout(MAX_TOTAL_S + 30):
                done = await asyncio.gather(asyncio.gather(*tasks), *workers)
        except TimeoutError:
            done = [None]
        played_by = {p.index: p for share, _ in done[1:] for p in share}
        phones[:] = [played_by.get(p.index, p) for p in phones]
        drivers_cpu = sum(cpu for _, cpu in done[1:])
        played = time.monotonic() - start
        during = {pid: cpu_seconds(pid) for pid in pids}
        confirmed_firsts = sum(1 for p in phones if p.taps and p.taps[0].confirmed is not None)
        deadline = time.monotonic() + 15  # give the presenter's count its chance to catch up
        while time.monotonic() < deadline and not (seen and seen[-1][1] >= confirmed_firsts):
            await asyncio.sleep(PRESENTER_POLL_S)
        await asyncio.sleep(1)
        stop.set()
        await watcher
        await browser.close()
    await asyncio.sleep(SETTLE_S)
    after = {pid: (vm_kib(pid, "VmRSS"), vm_kib(pid, "VmHWM")) for pid in pids}
    stored = await asyncio.to_thread(stored_answers, url, code)
    pool.shutdown()
    return report(args, phones, stored, seen, start, played, before, during, after, drivers_cpu)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def ms(value: float) -> str:
    return "—" if value != value else ("never" if value == float("inf") else f"{value * 1000:.0f} ms")


def report(args, phones, stored, seen, start, played, before, during, after, drivers_cpu: float) -> int:
    taps = [t for p in phones for t in p.taps]
    sent = len(taps)
    firsts = [p.taps[0] for p in phones if p.taps]
    by_device = Counter(key for key, _ in stored)
    duplicates = sum(n - 1 for n in by_device.values() if n > 1)
    stored_choice = dict(stored)
    lost = sum(1 for p in phones if p.last_confirmed() is not None and stored_choice.get(rules.device_key(p.token)) != p.last_confirmed())
    errors = [p.error for p in phones if p.error] + [t.error for t in taps if t.error]
    confirm = [t.confirmed - t.tapped for t in taps if t.confirmed is not None]
    confirm_browser = [t.confirmed - t.tapped for p in phones if p.browser for t in p.taps if t.confirmed is not None]
    presenter = presenter_delays(phones, seen)
    last_first = max((t.confirmed - start for t in firsts if t.confirmed), default=float("nan"))
    last_tap = max((t.tapped - start for t in firsts), default=float("nan"))  # later than scheduled when the page was slow to load
    db = "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite"
    rows = [
        (
            "set-up",
            f"{db}, {args.replicas} replica(s); {len(phones)} phones ({sum(p.browser for p in phones)} Chromium 390×844, the rest websocket driver)",
        ),
        ("answers sent (taps)", f"{sent} ({len(firsts)} first answers + {sent - len(firsts)} changes)"),
        ("answers confirmed", f"{len(confirm)}"),
        ("phones in the database", f"{len(by_device)} rows for {len(phones)} phones"),
        ("lost", f"{lost}"),
        ("duplicates", f"{duplicates}"),
        ("errors", f"{len(errors)}" + (f" (first: {errors[0]})" if errors else "")),
        (
            "first answers",
            f"{len(firsts)} (scheduled within {args.window:.0f} s): last tapped at {last_tap:.1f} s, last confirmed at {last_first:.1f} s; all done in {played:.1f} s",
        ),
        (
            "tap → « Réponse enregistrée »",
            f"p50 {ms(pct(confirm, 0.5))}, p95 {ms(pct(confirm, 0.95))}, max {ms(max(confirm, default=float('nan')))}",
        ),
        (
            "  of which Chromium phones",
            f"p50 {ms(pct(confirm_browser, 0.5))}, p95 {ms(pct(confirm_browser, 0.95))} (n={len(confirm_browser)})",
        ),
        (
            "tap → presenter's count",
            f"p50 {ms(pct(presenter, 0.5))}, p95 {ms(pct(presenter, 0.95))}, max {ms(max(presenter, default=float('nan')))}; final count {seen[-1][1] if seen else '—'}",
        ),
    ]
    for n, (pid, (rss0, cpu0)) in enumerate(before.items(), start=1):
        rss1, peak = after[pid]
        busy = during[pid] - cpu0
        rows.append(
            (
                f"server {n} CPU / memory",
                f"{busy:.1f} s CPU in {played:.1f} s ({100 * busy / played:.0f} % of one core); RSS {rss0 / 1024:.0f} → {rss1 / 1024:.0f} MB "
                f"({(rss1 - rss0) / 1024:+.0f} MB), peak {peak / 1024:.0f} MB",
            )
        )
    driver = os.times()
    rows.append(
        (
            "load drivers' CPU",
            f"{driver.user + driver.system:.1f} s (Playwright) + {drivers_cpu:.1f} s ({args.drivers} websocket processes); Chromium's own not counted",
        )
    )
    rows.append(("machine load (1 min)", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other processes included)"))
    width = max(len(k) for k, _ in rows)
    print("\n".join(f"{k.ljust(width)}  {v}" for k, v in rows))
    return 1 if lost or duplicates or errors or len(confirm) < sent else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
