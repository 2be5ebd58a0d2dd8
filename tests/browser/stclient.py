"""A small client of Streamlit's websocket protocol: what the browser's frontend sends, without a browser.

It opens /_stcore/stream with a cookie, sends the BackMsg `rerun_script` a page
load sends (page name and query string), reads the ForwardMsg deltas until the
script run finishes, and taps a button by sending its widget id with a trigger
value. Used by scripts/debate_load.py (most of its phones) and by the mischief
tests (replaying a facilitator's button in a session that has no right to it).
"""

from __future__ import annotations

import asyncio
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TIMEOUT_S = 60.0


def first_cookie(url: str, name: str) -> str:
    """The value of cookie `name` the server sets on a plain GET of `url` (what a first visit gets)."""
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        for header in response.headers.get_all("set-cookie") or []:
            key, _, rest = header.partition("=")
            if key.strip() == name:
                return rest.split(";", 1)[0]
    raise RuntimeError(f"no {name} cookie from {url}")


def plain(markdown: str) -> str:
    """Markdown as read: escapes and non-breaking spaces gone."""
    return markdown.replace("\\", "").replace("\u00a0", " ").replace("\u202f", " ")


@dataclass
class Run:
    """What one script run drew."""

    buttons: dict[str, str] = field(default_factory=dict)  # label (without a leading ✓) → widget id
    alerts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # markdown bodies
    kinds: set[str] = field(default_factory=set)  # element types drawn

    def everything(self) -> str:
        return "\n".join([*self.alerts, *self.texts, *self.buttons])


class Session:
    """One websocket session on one server (`host` as 127.0.0.1:PORT), on one page with one query string."""

    def __init__(self, host: str, page: str, query: str, cookie: str = ""):
        self.host, self.page, self.query, self.cookie = host, page, query, cookie
        self.page_hash = ""
        self.last = Run()
        self.ws = None

    async def __aenter__(self) -> Session:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await websockets.connect(
            f"ws://{self.host}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=TIMEOUT_S,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    def message(self, triggers: tuple[str, ...]) -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        for widget in triggers:
            state.widget_states.widgets.append(WidgetState(id=widget, trigger_value=True))
        return message.SerializeToString()

    async def run(self, *triggers: str) -> Run:
        """One script run (a page load, or a tap on the buttons whose ids are given)."""
        await self.ws.send(self.message(triggers))
        run = Run()
        async with asyncio.timeout(TIMEOUT_S):
            async for raw in self.ws:
                forward = ForwardMsg()
                forward.ParseFromString(raw)
                kind = forward.WhichOneof("type")
                if kind == "navigation" and forward.navigation.page_script_hash:
                    self.page_hash = forward.navigation.page_script_hash
                elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    self.read(forward.delta.new_element, run)
                elif kind == "script_finished":
                    break
        self.last = run
        return run

    @staticmethod
    def read(element, run: Run) -> None:
        what = element.WhichOneof("type")
        run.kinds.add(what)
        if what == "button":
            run.buttons[element.button.label.removeprefix("✓ ")] = element.button.id
        elif what == "alert":
            run.alerts.append(plain(element.alert.body))
        elif what == "markdown":
            run.texts.append(plain(element.markdown.body))
        elif what == "exception":
            run.alerts.append("exception: " + element.exception.message)
