"""Start the Streamlit app on a free localhost port, wait until healthy, stop it.

Shared by the browser tests (tests/browser/conftest.py) and by
scripts/screenshots.py, so both drive the app the same way. Independent of
odd17: it only knows how to run `streamlit run app.py` and launch Chromium.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
HEALTH_PATH = "/_stcore/health"
START_TIMEOUT_S = 90.0  # a cold start on a slow CI machine imports pandas, altair, pydeck...
STOP_TIMEOUT_S = 10.0
POLL_S = 0.25
SETTLE_MS = 250
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, never a downloaded one; no background traffic of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
APP_PY = ROOT / "app.py"


@dataclass(frozen=True)
class AppServer:
    """A running app: its base URL and the process serving it."""

    url: str
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        HOST,
        "--browser.gatherUsageStats",
        "false",
    ]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def wait_healthy(server: AppServer, timeout: float = START_TIMEOUT_S) -> None:
    """Poll the health endpoint; fail with the server's log if it dies or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.process.returncode}:\n{server.log.read_text()}")
        if healthy(server.url):
            return
        time.sleep(POLL_S)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{server.log.read_text()}")


def stop(server: AppServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextlib.contextmanager
def running_app(log: Path, env: dict[str, str] | None = None) -> Iterator[AppServer]:
    """`streamlit run app.py` on a free port, healthy on entry, stopped on exit."""
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command(port), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    server = AppServer(f"http://{HOST}:{port}", process, log)
    try:
        wait_healthy(server)
        yield server
    finally:
        stop(server)


def url_path(page_file: str) -> str:
    """The URL path app.py gives pages/<page_file>.py ('' for the default page).

    Read from app.py, the one place that decides it (it has changed before).
    """
    source = APP_PY.read_text(encoding="utf-8")
    call = re.search(rf'st\.Page\(\s*"pages/{page_file}\.py"([^)]*)\)', source)
    if not call:
        raise ValueError(f"pages/{page_file}.py is not an st.Page in app.py")
    if "default=True" in call.group(1):
        return ""
    found = re.search(r'url_path="([^"]*)"', call.group(1))
    return found.group(1) if found else page_file


def launch_args() -> dict:
    """Keyword arguments for playwright's `chromium.launch`."""
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


def is_local(url: str) -> bool:
    """Requests the app may make: to the local server, or browser-internal data."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome", "chrome-extension"}:
        return True
    return parts.hostname in LOCAL_HOSTS


CONNECTED_SELECTOR = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
# True once the script run is over and nothing is still loading (skeleton) or left from the last run (stale).
IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
}"""


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app is connected and no script run is pending.

    A click or a key press reaches the server a moment after it happens, so a
    short settle first (as Streamlit's own end-to-end helpers do), then the
    script state Streamlit exposes on its root element, and no element still
    loading its code (a skeleton) or left over from the previous run (stale).
    """
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(CONNECTED_SELECTOR, timeout=timeout_ms, state="attached")
    page.wait_for_function(
        IDLE_JS,
        timeout=timeout_ms,
        polling=100,
    )
