"""Speed benchmark: every figure of the brief's speed budgets, in one table.

Usage: python scripts/benchmark.py [--runs N] [--no-browser] [--port PORT] [--cases N | --data DIR]
       python scripts/benchmark.py --growth 39,300,1000,3000 [--no-browser]

Prints, on this machine, in one run:
- dataset load, cold (a fresh Python process: validation with frictionless
  included) and warm (the app's per-run call, a st.cache_resource hit);
- each page's warm rerun time (median and worst of N reruns of app.py, under
  streamlit.testing.v1.AppTest) beside a bare one-line Streamlit page timed the
  same way in the same run, and the number of elements (delta messages) the run
  sends. The time is the script run itself, from ScriptRunner's SCRIPT_STARTED
  event to its end event: AppTest's own wait for the end rescans every event of
  the run each millisecond (quadratic in the page's size), so the probe below
  replaces that wait with a flag set by the end event;
- `python -m odd17 check` on the dataset folder, in a fresh process;
- the bytes of geometry sent to the browser (the map's deck JSON, largest over
  every map indicator) and of the largest chart (spec and data) any page sends;
- server start to healthy (`streamlit run app.py` until /_stcore/health is ok);
- in headless Chromium (Debian's, offline, localhost only): navigation to the
  map drawn (first WebGL draw of the deck), a region click on the map to the
  "Ma région" heading, and a filter click on the examples page to the count and
  the cards updated (median and worst of N runs; the first visit after the
  server starts is reported on its own line), and navigation to the examples
  page until its count and first cards are shown.

--cases N measures a synthetic copy of data/ with N case studies (tests/scaled.py,
made in a temporary folder); --growth runs the whole benchmark once per size, each
in its own process, and prints every measure at every size with its factor against
the first size.

Durations are measured here and only here: tests never assert one.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import logging
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser"), str(ROOT / "tests")]

import appserver  # noqa: E402  (tests/browser/appserver.py: the server and Chromium helpers)
import scaled  # noqa: E402  (tests/scaled.py: synthetic scaled copies of data/)

from odd17 import case_studies, indicators  # noqa: E402  (found through sys.path above)
from odd17.dataset import data_dir, load  # noqa: E402
from odd17.regions import names  # noqa: E402

HOST = appserver.HOST
APP = ROOT / "app.py"
PAGES_DIR = ROOT / "pages"
WORKSHOP_PAGE = "atelier.py"  # reached with ?atelier=1, as a facilitator opens it
MAP_PAGE = "pages/carte.py"
EXAMPLES_PAGE = "pages/exemples.py"
BENCH_REGION = "52"  # Pays de la Loire: the region with the most published figures
CLICK_REGION = "24"  # Centre-Val de Loire: large, inland, far from the insets
DEFAULT_RUNS = 7
BROWSER_RUNS = 5
SERVER_RUNS = 3
APPTEST_TIMEOUT_S = 120.0
START_TIMEOUT_S = 90.0
HEALTH_POLL_S = 0.02
BROWSER_TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1400, "height": 900}
CHROMIUM = appserver.CHROMIUM  # Debian's Chromium and its flags, shared with the browser tests
CHROMIUM_ARGS = appserver.CHROMIUM_ARGS
HOVER_MS = 500
CLICK_TRIES = 3
CLICK_ACCEPT_MS = 3000  # a click the map accepted starts a rerun well within this
IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Offline without request interception (which would turn off the HTTP cache, that a
# facilitator's browser has): everything but loopback goes to a proxy that is not there.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]
BARE_PAGE = 'import streamlit as st; st.write("ok")\n'

MS = "ms"
KB = "KB"
BUDGETS = {  # figure → (limit, unit); from the brief
    "rerun": (50.0, MS),
    "geometry": (200.0, KB),
    "map": (2000.0, MS),
    "filter": (300.0, MS),
    "start": (3000.0, MS),
    "examples": (2000.0, MS),
    "check": (3000.0, MS),
}

# Records performance.now() (ms since navigation start) of every WebGL draw call,
# and of the second animation frame after the first one: by then the frame with the
# deck's first drawing has been composited, i.e. the map is on screen. (In headless
# Chromium WebGL is software-rendered: a long task can separate the two.)
DRAW_HOOK = """
(() => {
  window.__draws = [];
  window.__shown = undefined;
  for (const C of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!C) continue;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const original = C.prototype[name];
      if (!original) continue;
      C.prototype[name] = function (...args) {
        if (window.__draws.length === 0) {
          requestAnimationFrame(() => requestAnimationFrame(() => { window.__shown = performance.now(); }));
        }
        if (window.__draws.length < 100) window.__draws.push(performance.now());
        return original.apply(this, args);
      };
    }
  }
})();
"""
# Arms an observer that records when `condition` (a JS expression) first holds
# after a DOM change, and the time stamp of the next pointer press (the browser's
# own input time): a duration is counted from the press the person makes, not
# from Playwright's preparations for it.
ARM_WATCH = """
(condition) => {
  window.__hit = undefined;
  window.__down = undefined;
  window.addEventListener('pointerdown', (e) => { window.__down = e.timeStamp; }, {capture: true, once: true});
  const test = new Function('return (' + condition + ');');
  const observer = new MutationObserver(() => {
    if (window.__hit === undefined && test()) {
      window.__hit = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
}
"""
PRESS_TO_HIT = "window.__hit - window.__down"


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    name: str
    value: str
    budget: str = "—"
    status: str = ""
    metric: str = ""  # a stable name for the growth table (empty: not compared across sizes)
    number: float | None = None  # the figure compared across sizes


# ---------------------------------------------------------------- helpers


def median_worst(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), max(samples)


def fmt_ms(value: float) -> str:
    return f"{value:,.1f} ms".replace(",", " ") if value < 100 else f"{value:,.0f} ms".replace(",", " ")


def fmt_kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def judged(name: str, key: str, median: float, worst: float | None = None, text: str | None = None) -> Row:
    """A row with its budget; OK/over on the median, the worst flagged when it alone is over."""
    limit, unit = BUDGETS[key]
    status = "OK" if median < limit else "over"
    if status == "OK" and worst is not None and worst >= limit:
        status = "OK (worst over)"
    budget = f"< {limit:g} {unit}"
    return Row(name, text or (fmt_ms(median) if unit == MS else fmt_kb(int(median * 1000))), budget, status)


def failed(name: str, key: str, reason: str) -> Row:
    limit, unit = BUDGETS.get(key, (None, ""))
    return Row(name, f"not measured: {reason}", f"< {limit:g} {unit}" if limit else "—", "FAILED")


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Durations in ms of `runs` calls."""
    return [pair[0] for pair in timed_cpu(action, runs)]


def timed_cpu(action: Callable[[], object], runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) ms of `runs` calls; CPU counts every thread of this process (AppTest runs the page in one)."""
    samples = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        samples.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
    return samples


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Streamlit outside a server warns about the missing runtime: not news here."""
    logging.disable(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- dataset load

COLD_LOAD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from odd17.dataset import data_dir, load
start = time.perf_counter()
load(data_dir())
print(json.dumps((time.perf_counter() - start) * 1000))
"""


def dataset_rows(runs: int) -> list[Row]:
    """Cold: a fresh process's first load (frictionless import and validation included). Warm: the app's per-run call."""
    cold = []
    for _ in range(SERVER_RUNS):
        out = subprocess.run([sys.executable, "-c", COLD_LOAD, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT)
        cold.append(json.loads(out.stdout))
    with quiet():
        from odd17.ui import data

        data.dataset()  # fills the st.cache_resource entry
        warm = timed(data.dataset, max(runs, 20))
    cold_m, cold_w = median_worst(cold)
    warm_m, warm_w = median_worst(warm)
    return [
        Row(
            "Dataset load, cold (fresh process: read + frictionless validation + typing)",
            f"{fmt_ms(cold_m)} (worst {fmt_ms(cold_w)})",
            metric="load cold (ms)",
            number=cold_m,
        ),
        Row(
            "Dataset load, warm (odd17.ui.data.dataset(): folder stamp + cache hit)",
            f"{fmt_ms(warm_m)} (worst {fmt_ms(warm_w)})",
            metric="load warm (ms)",
            number=warm_m,
        ),
    ]


def check_row() -> Row:
    """`python -m odd17 check` on the folder, as a maintainer runs it (process start included)."""
    samples = []
    for _ in range(SERVER_RUNS):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "odd17", "check", str(data_dir())], capture_output=True, text=True, cwd=ROOT)
        samples.append((time.perf_counter() - start) * 1000)
    median, worst = median_worst(samples)
    name = f"python -m odd17 check (fresh process, median of {SERVER_RUNS})"
    if done.returncode != 0:
        return failed(name, "check", f"exit {done.returncode}: {done.stdout.splitlines()[:1]}")
    row = judged(name, "check", median, worst, f"{fmt_ms(median)} (worst {fmt_ms(worst)})")
    return dataclasses.replace(row, metric="check (ms)", number=median)


# ---------------------------------------------------------------- pages (AppTest)


class RunProbe:
    """Times AppTest's script runs without AppTest's quadratic wait, and counts the elements they send.

    AppTest makes a LocalScriptRunner per run and waits for its end by scanning
    the runner's whole event list every millisecond: with thousands of events
    (one per element sent) that wait costs more than the page. The probe's
    runner sets a flag on the end event instead, and records the script's own
    time, from SCRIPT_STARTED to the event that ends the run (an st.rerun inside
    the run adds its second run to the same figure).
    """

    def __init__(self) -> None:
        self.runs: list[dict] = []

    def install(self) -> None:
        from streamlit.runtime.scriptrunner import ScriptRunnerEvent as Event
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import app_test, local_script_runner

        shared = ScriptCache()  # one per server, as Runtime has: AppTest's fresh one per run recompiles every script
        ends = {Event.SCRIPT_STOPPED_WITH_SUCCESS, Event.SCRIPT_STOPPED_WITH_COMPILE_ERROR, Event.SCRIPT_STOPPED_FOR_RERUN}
        probe = self

        class ProbedRunner(local_script_runner.LocalScriptRunner):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self._script_cache = shared
                self._done = threading.Event()
                run = {"start": None, "end": None, "cpu": 0.0, "cpu_start": None, "elements": 0}
                probe.runs.append(run)

                def record(sender, event, **data) -> None:
                    # Both events come from the script's own thread: thread_time is the run's CPU, whatever else the machine does.
                    if event == Event.SCRIPT_STARTED:
                        run["start"] = run["start"] or time.perf_counter()
                        run["cpu_start"] = time.thread_time()
                    elif event == Event.ENQUEUE_FORWARD_MSG and data["forward_msg"].WhichOneof("type") == "delta":
                        run["elements"] += 1
                    elif event in ends:
                        run["end"] = time.perf_counter()
                        if run["cpu_start"] is not None:
                            run["cpu"] += time.thread_time() - run["cpu_start"]
                            run["cpu_start"] = None
                    elif event == Event.SHUTDOWN:
                        self._done.set()

                self.on_event.connect(record, weak=False)

            def script_stopped(self) -> bool:  # AppTest polls this every millisecond: O(1) here
                return self._done.is_set()

        app_test.LocalScriptRunner = ProbedRunner

    def timed(self, at, runs: int) -> tuple[list[tuple[float, float]], int]:
        """(wall ms, CPU ms) of the script in `runs` reruns, and the elements the last one sent."""
        samples = []
        for _ in range(runs):
            at.run()
            run = self.runs[-1]
            samples.append(((run["end"] - run["start"]) * 1000, run["cpu"] * 1000))
        return samples, self.runs[-1]["elements"]


PROBE = RunProbe()


def page_files() -> list[Path]:
    return sorted(PAGES_DIR.glob("*.py"))


def app_test(page: Path):
    """An AppTest of app.py on one page, as a user with a region chosen reaches it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APPTEST_TIMEOUT_S)
    at.query_params["region"] = BENCH_REGION
    if page.name == WORKSHOP_PAGE:
        at.query_params["atelier"] = "1"
    at.run()
    if page.name != WORKSHOP_PAGE:
        at.switch_page(str(page.relative_to(ROOT)))
        at.run()
    return at


def sent_sizes(at) -> tuple[int, int]:
    """(largest deck JSON, largest chart element) in bytes, as the server sends them."""
    decks = [len(e.proto.json.encode()) for e in at.get("deck_gl_json_chart")]
    charts = [e.proto.ByteSize() for e in at.get("vega_lite_chart")]
    return max(decks, default=0), max(charts, default=0)


def bare_rerun(runs: int) -> list[tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare.py"
        script.write_text(BARE_PAGE, encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=APPTEST_TIMEOUT_S)
        at.run()
        at.run()
        return PROBE.timed(at, runs)[0]


@dataclass
class PageResults:
    rows: list[Row]
    charts: dict[str, int]  # page → largest chart element bytes


def page_rows(runs: int) -> PageResults:
    rows: list[Row] = []
    charts: dict[str, int] = {}
    with quiet():
        bare = bare_rerun(runs)
        bare_m, bare_w = median_worst([wall for wall, _ in bare])
        bare_cpu = statistics.median(cpu for _, cpu in bare)
        rows.append(
            Row(
                "Bare one-line page, warm rerun (script run under AppTest)",
                f"{fmt_ms(bare_m)} (worst {fmt_ms(bare_w)}; CPU {fmt_ms(bare_cpu)})",
                metric="bare page rerun (ms)",
                number=bare_m,
            )
        )
        for page in page_files():
            at = app_test(page)
            at.run()  # warm: every cache filled, every widget registered
            errors = [e.value for e in at.exception]
            name = f"Page {page.stem}, warm rerun (median of {runs})"
            if errors:
                rows.append(failed(name, "rerun", f"exception {errors[0]!r}"))
                continue
            charts[page.stem] = sent_sizes(at)[1]
            samples, elements = PROBE.timed(at, runs)
            median, worst = median_worst([wall for wall, _ in samples])
            cpu = statistics.median(cpu for _, cpu in samples)
            text = f"{fmt_ms(median)} (worst {fmt_ms(worst)}; CPU {fmt_ms(cpu)}; bare {fmt_ms(bare_m)})"
            rows.append(dataclasses.replace(judged(name, "rerun", median, worst, text), metric=f"{page.stem} rerun (ms)", number=median))
            rows.append(
                Row(f"Page {page.stem}, CPU of the script run (median)", fmt_ms(cpu), metric=f"{page.stem} rerun CPU (ms)", number=cpu)
            )
            rows.append(Row(f"Page {page.stem}, elements sent per run", str(elements), metric=f"{page.stem} elements", number=elements))
    return PageResults(rows, charts)


# ---------------------------------------------------------------- bytes sent


def geometry_row() -> Row:
    """The map's deck JSON for every indicator of the picker, as st.pydeck_chart sends it."""
    with quiet():
        at = app_test(PAGES_DIR / "carte.py")
        sizes = {}
        for indicator in indicators.map_indicators(load(data_dir())):
            next(s for s in at.selectbox if s.label == "Indicateur").set_value(indicator).run()
            sizes[indicator] = sent_sizes(at)[0]
    worst = max(sizes, key=sizes.get)
    size = sizes[worst]
    limit, _ = BUDGETS["geometry"]
    return Row(
        f"Geometry sent: map deck JSON, largest of {len(sizes)} indicators",
        f"{fmt_kb(size)} ({worst})",
        f"< {limit:g} KB",
        "OK" if size < limit * 1000 else "over",
    )


def chart_row(charts: dict[str, int]) -> Row:
    if not charts or not max(charts.values()):
        return Row("Largest chart sent (Vega-Lite spec + Arrow data)", "no chart")
    page = max(charts, key=charts.get)
    return Row("Largest chart sent (Vega-Lite spec + Arrow data)", f"{fmt_kb(charts[page])} (page {page})")


# ---------------------------------------------------------------- server


@contextlib.contextmanager
def app_server(port: int | None = None) -> Iterator[tuple[str, float]]:
    """`streamlit run app.py` on a free localhost port; yields (url, ms from spawn to healthy)."""
    port = port or appserver.free_port()
    url = f"http://{HOST}:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        HOST,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with tempfile.TemporaryFile() as logfile:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=logfile, stderr=subprocess.STDOUT)
        try:
            while not appserver.healthy(url):
                if process.poll() is not None or time.perf_counter() - start > START_TIMEOUT_S:
                    logfile.seek(0)
                    raise RuntimeError(f"the app did not become healthy:\n{logfile.read().decode(errors='replace')}")
                time.sleep(HEALTH_POLL_S)
            yield url, (time.perf_counter() - start) * 1000
        finally:
            process.terminate()  # our own child, by its handle
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def server_row() -> Row:
    samples = []
    for _ in range(SERVER_RUNS):
        with app_server() as (_, elapsed):
            samples.append(elapsed)
    median, worst = median_worst(samples)
    row = judged(f"Server start to healthy (median of {SERVER_RUNS})", "start", median, worst, f"{fmt_ms(median)} (worst {fmt_ms(worst)})")
    return dataclasses.replace(row, metric="server start (ms)", number=median)


# ---------------------------------------------------------------- browser


def is_local(url: str) -> bool:
    return urlparse(url).hostname in {HOST, "localhost"} or url.startswith(("data:", "blob:", "about:"))


def outside_requests(context) -> list[str]:
    """Every request the pages make to another host than this machine (there should be none)."""
    seen: list[str] = []
    context.on("request", lambda request: None if is_local(request.url) else seen.append(request.url))
    return seen


def canvas_has_pixels(page) -> bool:
    """The deck canvas shows something else than a blank background (checked once, untimed)."""
    from PIL import Image

    canvas = page.locator("canvas#deckgl-overlay").first
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("L")
    low, high = image.getextrema()
    return high - low > 40


def url_path(page_file: str) -> str:
    """The URL path app.py gives a page file (st.Page(..., url_path=...)), else Streamlit's default: its name."""
    source = APP.read_text(encoding="utf-8")
    found = re.search(r'st\.Page\(\s*"' + re.escape(page_file) + r'"[^)]*?url_path="([^"]*)"', source)
    return found.group(1) if found else Path(page_file).stem


def open_map(page, url: str) -> tuple[float, float]:
    """Navigate to the map page; ms from navigation start to the deck's first WebGL draw call, and to that drawing on screen."""
    page.goto(f"{url}/{url_path(MAP_PAGE)}", wait_until="commit")
    page.wait_for_function("window.__shown !== undefined", timeout=BROWSER_TIMEOUT_MS, polling=50)
    return page.evaluate("[window.__draws[0], window.__shown]")


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel position at a zoom level (deck.gl uses 512-pixel tiles)."""
    size = 512 * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return x, y


def region_point(page, code: str) -> tuple[float, float]:
    """Where a region's label point falls on the screen, from the deck's initial view."""
    from odd17 import charts, geo

    collection = geo.load_geojson(geo.regions_path(data_dir()))
    props = next(f["properties"] for f in collection["features"] if f["properties"]["code"] == code)
    view = charts.MAP_VIEW
    box = page.locator("canvas#deckgl-overlay").first.bounding_box()
    cx, cy = mercator(view["longitude"], view["latitude"], view["zoom"])
    px, py = mercator(props["label_lon"], props["label_lat"], view["zoom"])
    return box["x"] + box["width"] / 2 + (px - cx), box["y"] + box["height"] / 2 + (py - cy)


def watch(page, condition: str, action: Callable[[], None]) -> float:
    """ms from the pointer press `action` makes to the first DOM change after which `condition` holds."""
    page.evaluate(ARM_WATCH, condition)
    action()
    page.wait_for_function("window.__hit !== undefined", timeout=BROWSER_TIMEOUT_MS, polling=50)
    return page.evaluate(PRESS_TO_HIT)


def js_string(text: str) -> str:
    return json.dumps(text)


def heading_condition(text: str) -> str:
    return f"Array.from(document.querySelectorAll('h1')).some(h => h.textContent.trim() === {js_string(text)})"


def shown_cards(count: int) -> int:
    """How many cards the examples page shows for `count` results: all, or one page of them when it pages."""
    from odd17.ui import cards

    size = getattr(cards, "PAGE_SIZE", None)
    return min(count, size) if size else count


def count_condition(count: int) -> str:
    """The count reads `count` and exactly the cards of the first page are on it (stale ones gone)."""
    return (
        "Array.from(document.querySelectorAll('strong')).some(s => s.textContent.trim() === "
        f"{js_string(f'{count} exemple(s)')}) && "
        "Array.from(document.querySelectorAll('a')).filter(a => a.textContent.includes('Voir le détail')).length === "
        f"{shown_cards(count)}"
    )


def filter_choice() -> tuple[str, int, int]:
    """(region name, cards after filtering, all cards): the region with the most examples."""
    ds = load(data_dir())
    labels = names(ds.regions)
    counts = {code: len(case_studies.in_region(ds.case_studies, code)) for code in ds.regions["code"]}
    code = max(counts, key=counts.get)
    total = len(case_studies.filter_cases(ds.case_studies, case_studies.Filters()))
    return labels[code], counts[code], total


def examples_once(page, url: str, total: int) -> float:
    """ms from navigation start to the examples page's count and its first cards shown."""
    page.goto(f"{url}/{url_path(EXAMPLES_PAGE)}", wait_until="commit")
    page.wait_for_function(count_condition(total), timeout=BROWSER_TIMEOUT_MS, polling=20)
    shown = page.evaluate("performance.now()")
    wait_idle(page)
    return shown


def filter_once(page, url: str, region_name: str, count: int, total: int) -> float:
    page.goto(f"{url}/{url_path(EXAMPLES_PAGE)}", wait_until="commit")
    page.wait_for_function(count_condition(total), timeout=BROWSER_TIMEOUT_MS, polling=50)
    wait_idle(page)
    dismiss_dialogs(page)
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Régions").first
    box.click()
    option = page.get_by_role("option", name=region_name, exact=True)
    option.wait_for(timeout=BROWSER_TIMEOUT_MS)
    return watch(page, count_condition(count), option.click)


def wait_idle(page) -> None:
    """Until the script run is over (Streamlit marks its root element), as a person waits for the page."""
    page.wait_for_selector(IDLE_SELECTOR, timeout=BROWSER_TIMEOUT_MS)


def dismiss_dialogs(page) -> None:
    """Close a modal (Streamlit's « Page not found » can greet the first visit after a restart): it makes the page inert."""
    dialogs = page.get_by_role("dialog")
    if dialogs.count():
        page.keyboard.press("Escape")
        dialogs.first.wait_for(state="detached", timeout=BROWSER_TIMEOUT_MS)


def click_once(page, url: str, region_name: str) -> tuple[float, int]:
    """ms from the accepted click to the profile's heading, and how many clicks the map ignored first.

    deck.gl's tap recogniser drops a press whose pointerdown and pointerup it
    handles more than 250 ms apart; in headless Chromium the map is drawn and
    picked by software WebGL, so on a busy machine a click can be lost. A person
    clicks again: so does this, and the table says how often it happened.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    open_map(page, url)
    wait_idle(page)
    dismiss_dialogs(page)
    x, y = region_point(page, CLICK_REGION)
    page.mouse.move(x, y)  # a person points before clicking: the hover pick is not part of the click
    page.wait_for_timeout(HOVER_MS)
    condition = heading_condition(f"Ma région : {region_name}")
    for ignored in range(CLICK_TRIES):
        page.evaluate(ARM_WATCH, condition)
        page.mouse.click(x, y)
        try:
            page.wait_for_function(
                f"window.__hit !== undefined || !document.querySelector({js_string(IDLE_SELECTOR)})", timeout=CLICK_ACCEPT_MS
            )
        except PlaywrightTimeout:
            continue  # the map ignored the click: no rerun started
        page.wait_for_function("window.__hit !== undefined", timeout=BROWSER_TIMEOUT_MS, polling=50)
        return page.evaluate(PRESS_TO_HIT), ignored
    raise RuntimeError(f"the map ignored {CLICK_TRIES} clicks in a row")


def click_rows(runs: int, once: Callable[[], tuple[float, int]], name: str) -> Row:
    samples, ignored = [], 0
    try:
        for _ in range(runs):
            elapsed, lost = once()
            samples.append(elapsed)
            ignored += lost
    except Exception as error:  # a failed interaction is a result to print, not a crash
        return failed(name, "", f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
    median, worst = median_worst(samples)
    note = f"; {ignored} click(s) ignored by the map, clicked again" if ignored else ""
    return Row(f"{name} (median of {len(samples)})", f"{fmt_ms(median)} (worst {fmt_ms(worst)}{note})")


def map_rows(runs: int, once: Callable[[], tuple[float, float]]) -> Row:
    name = f"Map on screen after navigation (median of {runs})"
    try:
        samples = [once() for _ in range(runs)]
    except Exception as error:  # a failed interaction is a result to print, not a crash
        return failed(name, "map", f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
    median, worst = median_worst([shown for _, shown in samples])
    calls = statistics.median(call for call, _ in samples)
    return dataclasses.replace(
        judged(name, "map", median, worst, f"{fmt_ms(median)} (worst {fmt_ms(worst)}; first WebGL draw call {fmt_ms(calls)})"),
        number=median,
    )


def series_row(name: str, key: str | None, samples: list[float]) -> Row:
    median, worst = median_worst(samples)
    if key is None:
        return Row(f"{name} (median of {len(samples)})", f"{fmt_ms(median)} (worst {fmt_ms(worst)})", number=median)
    row = judged(f"{name} (median of {len(samples)})", key, median, worst, f"{fmt_ms(median)} (worst {fmt_ms(worst)})")
    return dataclasses.replace(row, number=median)


def attempt(name: str, key: str | None, runs: int, once: Callable[[], float]) -> Row:
    samples = []
    try:
        for _ in range(runs):
            samples.append(once())
    except Exception as error:  # a failed interaction is a result to print, not a crash
        return failed(name, key or "", f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
    return series_row(name, key, samples)


def browser_rows(runs: int, port: int | None) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    region_name = names(load(data_dir()).regions)[CLICK_REGION]
    filter_name, count, total = filter_choice()
    with app_server(port) as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(DRAW_HOOK)
        outside = outside_requests(context)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)

        def fresh_page():
            return context.new_page()  # a new tab: a new Streamlit session, the browser cache kept

        page = fresh_page()
        first = "Map on screen after navigation, first visit after server start"
        try:
            first_call, first_shown = open_map(page, url)
            drawn = canvas_has_pixels(page)
            text = f"{fmt_ms(first_shown)} (first WebGL draw call {fmt_ms(first_call)})"
            rows.append(judged(first, "map", first_shown, text=text))
        except Exception as error:  # a failed interaction is a result to print, not a crash
            drawn = True  # not checked: the row says why
            rows.append(failed(first, "map", f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"))
        finally:
            page.close()

        def map_once() -> tuple[float, float]:
            page = fresh_page()
            try:
                return open_map(page, url)
            finally:
                page.close()

        rows.append(dataclasses.replace(map_rows(runs, map_once), metric="map on screen (ms)"))
        if not drawn:
            rows.append(Row("Map canvas check", "the deck canvas stayed blank", "", "FAILED"))

        def click() -> tuple[float, int]:
            page = fresh_page()
            try:
                return click_once(page, url, region_name)
            finally:
                page.close()

        rows.append(click_rows(runs, click, f"Region click on the map to « Ma région » shown ({region_name})"))

        def filter_click() -> float:
            page = fresh_page()
            try:
                return filter_once(page, url, filter_name, count, total)
            finally:
                page.close()

        name = f"Filter click (Régions: {filter_name}) to {count} found, {shown_cards(count)} cards shown"
        rows.append(dataclasses.replace(attempt(name, "filter", runs, filter_click), metric="filter click (ms)"))

        def examples_nav() -> float:
            page = fresh_page()
            try:
                return examples_once(page, url, total)
            finally:
                page.close()

        name = f"Navigation to Exemples: count and {shown_cards(total)} of {total} cards shown"
        rows.append(dataclasses.replace(attempt(name, "examples", runs, examples_nav), metric="examples navigation (ms)"))
        hosts = sorted({urlparse(u).hostname or u for u in outside})
        rows.append(Row("Requests to other hosts than localhost (refused)", f"{len(outside)}" + (f": {', '.join(hosts)}" if hosts else "")))
        browser.close()
    return rows


# ---------------------------------------------------------------- table


def table(rows: list[Row]) -> str:
    headers = ("Measure", "Value", "Budget", "Status")
    cells = [headers, *[(r.name, r.value, r.budget, r.status) for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    line = lambda c: "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *[line(c) for c in cells[1:]]])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"reruns timed per page (default {DEFAULT_RUNS})")
    parser.add_argument("--browser-runs", type=int, default=BROWSER_RUNS, help=f"runs per browser figure (default {BROWSER_RUNS})")
    parser.add_argument("--no-browser", action="store_true", help="skip the server and Chromium figures")
    parser.add_argument("--port", type=int, default=None, help="port for the browser figures' server (default: a free one)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--cases", type=int, help="measure a synthetic copy of data/ with this many case studies (tests/scaled.py)")
    where.add_argument("--data", type=Path, help="measure this dataset folder (default: ODD17_DATA_DIR or data/)")
    where.add_argument("--growth", help="comma-separated case counts, e.g. 39,300,1000,3000: one benchmark per size, one table")
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)  # where a --growth child writes its figures
    return parser.parse_args(argv)


def growth(sizes: list[int], args: argparse.Namespace) -> int:
    """Run the benchmark once per size, each in a fresh process, and print each measure with its factor against the first size."""
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            log(f"== {size} case studies")
            out = Path(folder) / f"{size}.json"
            command = [sys.executable, __file__, "--cases", str(size), "--runs", str(args.runs), "--json", str(out)]
            command += ["--browser-runs", str(args.browser_runs)] + (["--no-browser"] if args.no_browser else [])
            done = subprocess.run(command, check=False, cwd=ROOT, stdout=sys.stderr)
            # A size whose run failed shows « — »: the other sizes are still worth their table.
            results[size] = json.loads(out.read_text(encoding="utf-8")) if done.returncode == 0 and out.exists() else {}
    metrics = list(dict.fromkeys(m for size in sizes for m in results[size]))
    base = sizes[0]
    headers = ["Measure", *[f"{size} cases" for size in sizes], *[f"×{size}/{base}" for size in sizes[1:]]]
    lines = []
    for metric in metrics:
        values = [results[size].get(metric) for size in sizes]
        first = values[0]
        cells = [metric, *[("—" if v is None else f"{v:,.1f}".replace(",", " ")) for v in values]]
        cells += ["—" if (v is None or not first) else f"{v / first:.1f}" for v in values[1:]]
        lines.append(cells)
    print(f"odd17 growth — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} CPU — synthetic copies of data/ (tests/scaled.py)")
    print(table_of(headers, lines))
    print("(times are medians in ms; elements are the delta messages one run sends; factors against the first size)")
    return 0


def table_of(headers: list[str], cells: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [headers, *cells]) for i in range(len(headers))]
    line = lambda c: "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *[line(c) for c in cells]])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    if args.growth:
        return growth([int(size) for size in args.growth.split(",")], args)
    with contextlib.ExitStack() as stack:
        if args.cases is not None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="odd17-scaled-")))
            os.environ["ODD17_DATA_DIR"] = str(scaled.make_scaled_copy(folder / "data", args.cases))
        elif args.data is not None:
            os.environ["ODD17_DATA_DIR"] = str(args.data.resolve())
        return measure(args)


def measure(args: argparse.Namespace) -> int:
    PROBE.install()
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    log("dataset load…")
    rows = dataset_rows(args.runs)
    rows.append(check_row())
    log("page reruns (AppTest)…")
    pages = page_rows(args.runs)
    rows += pages.rows
    log("bytes sent…")
    rows += [geometry_row(), chart_row(pages.charts)]
    if not args.no_browser:
        log("server start…")
        rows.append(server_row())
        log("browser (Chromium)…")
        rows += browser_rows(args.browser_runs, args.port)
    load_avg = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"odd17 benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} CPU, load average {load_avg} — dataset {data_dir()}")
    print(table(rows))
    print(f"({time.perf_counter() - started:.0f} s; statuses judge the median; « worst over » flags a worst run over budget)")
    busy = max(os.getloadavg()[0], load_before)
    if busy > (os.cpu_count() or 1):
        print(
            f"Note: the machine was busy (load average up to {busy:.1f} on {os.cpu_count()} CPUs): wall times include waiting "
            "for a CPU; the CPU time of a rerun is the work itself."
        )
    if args.json:
        args.json.write_text(json.dumps({r.metric: r.number for r in rows if r.metric and r.number is not None}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
