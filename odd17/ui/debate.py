"""The live debate's shared Streamlit plumbing: the store of this process, the device's cookie, messages.

The debate meets Streamlit in four files: this one, and one per screen: debate_phone (the ballot),
debate_facilitator (/animer, the remote) and debate_slides (what the projector shows, in the deck).
Votes go straight to the store (odd17.debate.store), never only into st.session_state: a phone's
websocket drops and comes back. Text typed by participants or read from data goes through
escape_markdown; the only HTML is our own CSS and the QR SVG that segno draws (paths only, no text).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

import streamlit as st

from odd17.dataset import Dataset
from odd17.debate import device, invitation
from odd17.debate.errors import DebateError, StoreUnavailable
from odd17.debate.questions import Question, by_id
from odd17.debate.store import Debate, Store
from odd17.formats import escape_markdown as md
from odd17.regions import names

CODE_PARAM = "code"
SECRET_PARAM = "cle"
DECK_PARAM = "debat"
REFRESH_S = 2  # the presenter's count: within 3 s of a tap, one small query per refresh
FLASH = "_debate_flash"
SHOWN_QUESTION = "_debate_question"
UNAVAILABLE = (
    "Le débat est momentanément indisponible : la base des réponses ne répond pas. "
    "Réessayez dans un instant ; les pages de l'étude restent consultables."
)
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer {display: none !important;}
.stMainBlockContainer {padding-top: 1.5rem !important;}
/* The count refreshes every few seconds: never fade the projected slide while it does. */
.stMainBlockContainer [data-stale="true"], .stMainBlockContainer [data-stale="true"] * {opacity: 1 !important; transition: none !important;}
[class*="st-key-join-code"] p {font-size: 200px !important; font-weight: 800 !important; letter-spacing: 0.08em;
  line-height: 1 !important; font-family: "DejaVu Sans Mono", "Consolas", monospace !important; color: #000 !important;}
[class*="st-key-join-link"] p {font-size: 36px !important; font-weight: 600 !important; color: #000 !important; overflow-wrap: anywhere;}
[class*="st-key-live-count"] p {font-size: 72px !important; font-weight: 800 !important; line-height: 1.1 !important; color: #000 !important;}
[class*="st-key-corner-code"] {position: fixed !important; top: 0.5rem; right: 1.5rem; z-index: 999; background: #fff;
  border: 3px solid #000; padding: 0.25rem 1rem !important; width: auto !important;}
[class*="st-key-corner-code"] p {font-size: 56px !important; letter-spacing: 0.05em; font-weight: 800 !important; margin: 0 !important; color: #000 !important;}
[class*="st-key-comparison"] p {font-size: 32px !important; line-height: 1.35 !important; color: #000 !important;}
[class*="st-key-options"] li, [class*="st-key-options"] p {font-size: 36px !important; color: #000 !important;}
[class*="st-key-controls"] .stButton button {min-height: 56px;}
[class*="st-key-controls"] .stButton button p {font-size: 20px !important; font-weight: 600 !important;}
[class*="st-key-open-texts"] li, [class*="st-key-open-texts"] p {font-size: 30px !important; color: #000 !important;}
</style>
"""


@st.cache_resource(show_spinner=False)
def cached_store(url: str, state_dir: str) -> Store:
    """One store (and its connection pool) per process and database; both come from the environment."""
    return Store(url or None)


def store() -> Store:
    return cached_store(os.environ.get("ODD17_DATABASE_URL", ""), os.environ.get("ODD17_STATE_DIR", ""))


def read_cookies() -> Mapping[str, str]:
    """The request's cookies (a seam: AppTest cannot send any)."""
    return st.context.cookies


def device_token() -> str | None:
    """This browser's token from its cookie (set by odd17.debate.device.DeviceCookie), or None."""
    token = read_cookies().get(device.COOKIE)
    return token if device.valid(token) else None


def flash(message: str, kind: str = "error") -> None:
    """A message for the next run (after a callback), shown once."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH, (None, None))
    if message:
        (st.success if kind == "success" else st.error)(md(message))


def guarded(action: Callable[[], None]) -> None:
    """Run a screen; the store's French errors become a message instead of a traceback."""
    try:
        action()
    except StoreUnavailable:
        st.error(UNAVAILABLE)
        # A tap reruns the screen: once the database is back it shows again, with nothing to reload.
        st.button("Réessayer", key="retry-store", type="primary")
    except DebateError as error:
        st.error(md(str(error)))


def region_name(ds: Dataset, debate: Debate) -> str:
    return names(ds.regions).get(debate.region, debate.region)


def question_list(ds: Dataset, debate: Debate) -> list[Question]:
    known = by_id(ds)
    return [known[q] for q in debate.question_ids if q in known]


def presenter_style() -> None:
    st.markdown(PRESENTER_CSS, unsafe_allow_html=True)


def server_port() -> int:
    return int(st.get_option("server.port") or 8501)


def participant_link(code: str) -> str:
    return invitation.participant_url(invitation.base_url(os.environ, server_port()), code)


def act(action: Callable[..., object], *args: object) -> None:
    """A facilitator's button: the store checks the secret again; a refusal becomes a message."""
    try:
        action(*args)
    except StoreUnavailable:
        flash(UNAVAILABLE)
    except DebateError as error:  # Forbidden on a wrong secret, Refused, UnknownDebate
        flash(str(error))
