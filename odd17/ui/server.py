"""What the server does once, at start, before any visitor's session exists.

Why: Streamlit decides once per process whether the app uses the legacy `pages/`
folder router (`PagesManager.uses_pages_directory`, a class attribute set by the
first session's PagesManager from `Path("pages").exists()`); only a call to
`st.navigation` turns it off (streamlit/commands/navigation.py). So the very first
session after a start runs the legacy router (script_runner `_mpa_v1`), which lists
pages by file name, does not know our URL paths (`mode-atelier`, ...) and sends
`page_not_found`: the English "Page not found" dialog over the right page (upstream
issues streamlit#8860, #9992). Doing at start what `st.navigation` does on its
first call makes the first session like every other one, and keeps `pages/`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from streamlit.runtime.pages_manager import PagesManager


def navigation_owns_routing() -> None:
    """Exactly what st.navigation does first (it cannot be called without a session)."""
    PagesManager.uses_pages_directory = False


@contextlib.asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """st.App's start-up hook: runs before the server accepts its first connection."""
    navigation_owns_routing()
    yield
