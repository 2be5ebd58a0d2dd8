"""Load test: many simultaneous browser sessions, each with its own region and filters.

Usage: python scripts/load.py [--sessions 20] [--duration 60] [--max-actions 60] [--map]

Starts the app itself on a free 127.0.0.1 port (tests/browser/appserver.py), then
drives N headless Chromium contexts (one browser process). The sessions are opened a
few at a time (each with a link carrying its own region), and then all of them
navigate at once until the time or the action budget is spent: Ma région, Exemples
(its own shared filter link: region and period), its own search typed in the box,
[Carte with --map], Accueil, back to Exemples (the filters must have survived).
After every step it counts app errors (error boxes, exceptions, page errors,
timeouts) and mismatches: the page must show its own region (picker, URL, Ma
région's title) and its own filters (URL, search box, number of examples computed
through odd17), never another session's. It reports the server's resident memory
(VmRSS from /proc) before, with the sessions open and after closing them, its peak
(VmHWM) and its CPU time. Every request must stay on 127.0.0.1: one that tries to
leave is aborted and counted.

Exit status: 0 when no session saw an error or a mismatch, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import appserver  # noqa: E402  (shared with the browser tests, found through sys.path above)
from playwright.async_api import Page, Route, async_playwright, expect  # noqa: E402

from odd17 import case_studies  # noqa: E402
from odd17.case_studies import Filters  # noqa: E402
from odd17.dataset import load  # noqa: E402
from odd17.regions import names, options  # noqa: E402

MAX_SESSIONS = 50  # bounds, whatever the command line says
MAX_DURATION_S = 300
MAX_ACTIONS = 500
OPEN_AT_ONCE = 4  # sessions opened together during the ramp-up
SETTLE_AFTER_S = 10
STEP_TIMEOUT_MS = 90_000  # 20 sessions on 2 cores: a rerun can wait its turn for a while
SETTLE_MS = 250
VIEWPORT = {"width": 1280, "height": 800}
NAV = '[data-testid="stSidebarNav"] a'
PICKER = '[data-testid="stSidebar"] [data-testid="stSelectbox"] input'  # its value is the region shown
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
COUNT = re.compile(r"(\d+) exemple\(s\)")
MIN_WORD = 7  # search words: long enough to mean something, taken from the examples' titles
APP_PY = ROOT / "app.py"


@dataclass
class Session:
    """One simulated user: its own region, period and search, and what happened to it."""

    number: int
    region: str
    region_name: str
    years: tuple[int, int]
    query: str
    actions: int = 0
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help=f"simultaneous browser sessions (max {MAX_SESSIONS})")
    parser.add_argument("--duration", type=float, default=60.0, help=f"seconds of load (max {MAX_DURATION_S})")
    parser.add_argument("--max-actions", type=int, default=60, help=f"actions per session at most (max {MAX_ACTIONS})")
    parser.add_argument("--map", action="store_true", help="also visit the map page (deck.gl in software WebGL: heavy for the browsers)")
    args = parser.parse_args(argv)
    args.sessions = max(1, min(args.sessions, MAX_SESSIONS))
    args.duration = max(1.0, min(args.duration, MAX_DURATION_S))
    args.max_actions = max(1, min(args.max_actions, MAX_ACTIONS))
    return args


def url_path(page_file: str) -> str:
    """The URL path app.py gives a page file."""
    found = re.search(rf'st\.Page\(\s*"pages/{page_file}\.py"[^)]*?url_path="([^"]*)"', APP_PY.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"no url_path for pages/{page_file}.py in app.py")
    return found.group(1)


def search_words(cases, count: int) -> list[str]:
    """Distinct words of the examples' titles, most frequent first: each session searches its own."""
    words = Counter(
        word
        for title in cases["title"]
        for word in re.findall(r"\w+", case_studies.normalize(title))
        if len(word) >= MIN_WORD and not word.isdigit()
    )
    ranked = [w for w, _ in words.most_common()]
    return [ranked[i % len(ranked)] for i in range(count)]


def periods(bounds: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """`count` distinct periods inside the examples' years (none is the whole span, the default)."""
    low, high = bounds
    pairs = [(a, b) for a in range(low, high + 1) for b in range(a, high + 1) if (a, b) != bounds]
    step = max(1, len(pairs) // count)
    return [pairs[(i * step) % len(pairs)] for i in range(count)]


def make_sessions(count: int) -> tuple[list[Session], object]:
    ds = load()
    codes = options(ds.regions)  # France first, then the 18 regions: distinct while count <= 19
    region_names = names(ds.regions)
    bounds = case_studies.year_bounds(ds.case_studies)
    words, spans = search_words(ds.case_studies, count), periods(bounds, count)
    sessions = [
        Session(i, codes[(i + 1) % len(codes)], region_names[codes[(i + 1) % len(codes)]], spans[i], words[i]) for i in range(count)
    ]
    return sessions, ds


def expected_count(ds, session: Session, with_query: bool) -> int:
    filters = Filters(regions=(session.region,), years=session.years, query=session.query if with_query else "")
    return len(case_studies.filter_cases(ds.case_studies, filters))


def vm_kib(pid: int, key: str) -> int:
    """A memory line of /proc/<pid>/status, in KiB (VmRSS: resident now; VmHWM: peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


async def wait_for_app(page: Page) -> None:
    """As appserver.wait_for_app, for the async API: connected, no script run pending, nothing stale."""
    await page.wait_for_timeout(SETTLE_MS)
    await page.wait_for_selector(appserver.CONNECTED_SELECTOR, timeout=STEP_TIMEOUT_MS, state="attached")
    await page.wait_for_function(
        appserver.IDLE_JS,
        timeout=STEP_TIMEOUT_MS,
        polling=100,
    )


def normalized(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


class Driver:
    """Runs one session's loop and checks every page it reaches."""

    def __init__(self, page: Page, base: str, session: Session, ds, paths: dict[str, str]):
        self.page, self.base, self.s, self.ds, self.paths = page, base, session, ds, paths
        self.page_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def params(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.page.url).query, keep_blank_values=True).items()}

    def mismatch(self, step: str, what: str) -> None:
        self.s.mismatches.append(
            f"session {self.s.number}, {step}: {what} (at {urlsplit(self.page.url).path}?{urlsplit(self.page.url).query})"
        )

    async def check_common(self, step: str) -> None:
        errors = await self.page.locator(ERRORS).all_inner_texts()
        if errors:
            self.s.errors.append(f"{step}: {errors[0][:120]}")
        if self.page_errors:
            self.s.errors.append(f"{step}: pageerror {self.page_errors[0][:120]}")
            self.page_errors.clear()
        picker = normalized(await self.page.locator(PICKER).first.input_value())
        if picker != normalized(self.s.region_name):
            self.mismatch(step, f"picker shows {picker!r}")
        if self.params().get("region") != self.s.region:
            self.mismatch(step, f"URL region={self.params().get('region')!r}")

    async def check_examples(self, step: str, with_query: bool) -> None:
        params = self.params()
        wanted = {"regions": self.s.region, "annees": f"{self.s.years[0]}-{self.s.years[1]}"}
        if with_query:
            wanted["q"] = self.s.query
        for key, value in wanted.items():
            if params.get(key) != value:
                self.mismatch(step, f"URL {key}={params.get(key)!r}, not {value!r}")
        box = await self.page.get_by_label(re.compile("^Rechercher")).input_value()
        if box != (self.s.query if with_query else ""):
            self.mismatch(step, f"search box holds {box!r}")
        text = await self.page.get_by_text(COUNT).first.inner_text()
        shown, expected = int(COUNT.search(text).group(1)), expected_count(self.ds, self.s, with_query)
        if shown != expected:
            self.mismatch(step, f"{shown} examples shown, {expected} expected")

    async def timed(self, step: str, action, arrived=None, count: bool = True) -> bool:
        """Run one action, wait for its page (`arrived`) and the app; a timeout or a crash is an error, not the end.

        Under load the server starts the rerun late: waiting only for 'not running' could read the old page.
        """
        start = time.monotonic()
        try:
            await action()
            if arrived is not None:
                await arrived()
            await wait_for_app(self.page)
        except Exception as error:  # the load goes on; the error is counted
            self.s.errors.append(f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
            return False
        if count:
            self.s.latencies.append(time.monotonic() - start)
            self.s.actions += 1
        return True

    async def nav(self, title: str) -> None:
        await self.page.locator(NAV, has_text=title).first.click()

    def heading(self, pattern: str):
        """A wait for the page whose first heading matches `pattern`."""
        return lambda: expect(self.page.locator("h1").first).to_have_text(re.compile(pattern), timeout=STEP_TIMEOUT_MS)

    def url_has(self, key: str):
        """A wait for the URL to carry the parameter `key`."""
        return lambda: self.page.wait_for_url(lambda url: key in parse_qs(urlsplit(url).query), timeout=STEP_TIMEOUT_MS)

    async def open(self) -> None:
        """Open the session's own link (its region) on the home page."""
        home = f"{self.base}/?{urlencode({'region': self.s.region})}"
        if await self.timed("open", lambda: self.page.goto(home), self.heading("^ODD 17"), count=False):
            await self.check_common("open")

    async def run(self, deadline: float, max_actions: int, with_map: bool) -> None:
        while True:
            for step in self.cycle(with_map):
                if time.monotonic() >= deadline or self.s.actions >= max_actions:
                    return
                await step()

    def cycle(self, with_map: bool) -> list:
        """One round of a user's visit, as steps (action, wait for its page, checks)."""
        link = "?" + urlencode({"region": self.s.region, "regions": self.s.region, "annees": f"{self.s.years[0]}-{self.s.years[1]}"})
        box = self.page.get_by_label(re.compile("^Rechercher"))

        async def my_region() -> None:
            if await self.timed("ma-region", lambda: self.nav("Ma région"), self.heading("^Ma région")):
                await self.check_common("ma-region")
                h1 = normalized(await self.page.locator("h1").first.inner_text())
                if h1 != f"Ma région : {self.s.region_name}":
                    self.mismatch("ma-region", f"title {h1!r}")

        async def shared_link() -> None:  # the session's own filters, from a link
            url = f"{self.base}/{self.paths['exemples']}{link}"
            if await self.timed("exemples-link", lambda: self.page.goto(url), self.heading("^Exemples inspirants")):
                await self.check_common("exemples-link")
                await self.check_examples("exemples-link", with_query=False)

        async def search() -> None:  # its own search, typed
            if await self.timed("search", lambda: self.type_query(box), self.url_has("q")):
                await self.check_common("search")
                await self.check_examples("search", with_query=True)

        async def map_page() -> None:
            if await self.timed("carte", lambda: self.nav("Carte des régions"), self.heading("^Carte des régions")):
                await self.check_common("carte")

        async def home_page() -> None:
            if await self.timed("accueil", lambda: self.nav("Accueil"), self.heading("^ODD 17")):
                await self.check_common("accueil")

        async def back_to_examples() -> None:  # the filters survived the trip
            if await self.timed("exemples-back", lambda: self.nav("Exemples inspirants"), self.heading("^Exemples inspirants")):
                await self.check_common("exemples-back")
                await self.check_examples("exemples-back", with_query=True)

        return [my_region, shared_link, search, *([map_page] if with_map else []), home_page, back_to_examples]

    async def type_query(self, box) -> None:
        await box.fill(self.s.query)
        await box.press("Enter")


async def run_load(args: argparse.Namespace) -> int:
    sessions, ds = make_sessions(args.sessions)
    paths = {"exemples": url_path("exemples")}
    refused: list[str] = []
    log = ROOT / "benchmark-results" / "load-streamlit.log"
    with appserver.running_app(log) as server:
        pid = server.process.pid
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(**appserver.launch_args())

            async def guard(route: Route) -> None:
                if appserver.is_local(route.request.url):
                    await route.continue_()
                else:
                    refused.append(route.request.url)
                    await route.abort()

            # A server's first session is routed by Streamlit's pages/ directory logic: spend it on "/".
            warm = await browser.new_page()
            await warm.goto(server.url + "/")
            await wait_for_app(warm)
            await warm.close()
            rss_before = vm_kib(pid, "VmRSS")

            contexts, drivers = [], []
            for session in sessions:
                context = await browser.new_context(viewport=VIEWPORT, locale="fr-FR", reduced_motion="reduce")
                context.set_default_timeout(STEP_TIMEOUT_MS)
                await context.route("**/*", guard)
                contexts.append(context)
                drivers.append(Driver(await context.new_page(), server.url, session, ds, paths))
            # Ramp-up: open the sessions a few at a time (loading Streamlit's front end is the
            # browsers' work, not the server's); all of them then stay connected together.
            opening = time.monotonic()
            for wave in range(0, len(drivers), OPEN_AT_ONCE):
                await asyncio.gather(*(d.open() for d in drivers[wave : wave + OPEN_AT_ONCE]))
            opened = time.monotonic() - opening
            rss_loaded = vm_kib(pid, "VmRSS")
            cpu_start, client_start, start = cpu_seconds(pid), browsers_cpu(pid), time.monotonic()
            deadline = start + args.duration
            await asyncio.gather(*(d.run(deadline, args.max_actions, args.map) for d in drivers))
            elapsed, cpu = time.monotonic() - start, cpu_seconds(pid) - cpu_start
            client_cpu = browsers_cpu(pid) - client_start
            peak = vm_kib(pid, "VmHWM")
            for context in contexts:
                await context.close()
            await browser.close()
        await asyncio.sleep(SETTLE_AFTER_S)  # let the server drop the closed sessions
        rss_after = vm_kib(pid, "VmRSS")
    memory = {"before": rss_before, "loaded": rss_loaded, "peak": peak, "after": rss_after}
    return report(sessions, refused, elapsed, opened, (cpu, client_cpu), memory, args)


def report(sessions: list[Session], refused: list[str], elapsed: float, opened: float, cpus: tuple, memory: dict, args) -> int:
    cpu, client_cpu = cpus
    print(f"\nLoad: {len(sessions)} simultaneous sessions (opened in {opened:.0f} s), then {elapsed:.0f} s of navigation")
    print(f"(limit {args.duration:.0f} s or {args.max_actions} actions per session; map page {'in' if args.map else 'not in'} the loop)\n")
    print(f"{'#':>2}  {'region':<28} {'période':<10} {'recherche':<14} {'actions':>7} {'errors':>6} {'mismatch':>8} {'median s':>8}")
    for s in sessions:
        median = statistics.median(s.latencies) if s.latencies else float("nan")
        print(
            f"{s.number:>2}  {s.region + ' ' + s.region_name:<28.28} {s.years[0]}-{s.years[1]:<5} {s.query:<14.14} "
            f"{s.actions:>7} {len(s.errors):>6} {len(s.mismatches):>8} {median:>8.2f}"
        )
    latencies = sorted(x for s in sessions for x in s.latencies)
    errors = [e for s in sessions for e in s.errors]
    mismatches = [m for s in sessions for m in s.mismatches]
    actions = sum(s.actions for s in sessions)
    print(f"\nTotal: {actions} actions, {len(errors)} errors, {len(mismatches)} mismatches, {len(refused)} requests off 127.0.0.1")
    if latencies:
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(f"Step (action until its page is drawn): median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s")
    print(
        f"CPU during the navigation ({elapsed:.0f} s, {os.cpu_count()} cores): server {cpu:.1f} s "
        f"({100 * cpu / max(elapsed, 1e-9):.0f} % of one core), browsers and Playwright {client_cpu:.1f} s"
    )
    mib = {k: v / 1024 for k, v in memory.items()}
    print(
        f"Server memory (VmRSS): before {mib['before']:.0f} MiB, {len(sessions)} sessions open {mib['loaded']:.0f} MiB, "
        f"after closing them (+{SETTLE_AFTER_S} s) {mib['after']:.0f} MiB; peak (VmHWM) {mib['peak']:.0f} MiB"
    )
    for line in (errors + mismatches + refused)[:20]:
        print("  -", line)
    return 0 if not errors and not mismatches and not refused else 1


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browsers_cpu(server_pid: int) -> float:
    """CPU time of this script's other descendants (Playwright's driver, Chromium), live ones only."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue

    def descends(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    total = 0.0
    for pid in parents:
        if pid != server_pid and descends(pid):
            try:
                total += cpu_seconds(pid)
            except OSError:
                continue
    return total


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(run_load(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
