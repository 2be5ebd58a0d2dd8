"""The server's start-up hook: st.navigation routes from the very first session on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import aio
import pytest
from apppages import APP
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server.app_discovery import discover_asgi_app

from odd17.ui import server


@pytest.fixture
def fresh_process() -> Iterator[None]:
    """The routing flag as in a process that has served nobody yet (AppTest resets it too)."""
    saved = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = None
    yield
    PagesManager.uses_pages_directory = saved


async def start_and_stop() -> None:
    async with server.lifespan(object()):
        pass


def test_without_the_hook_the_first_session_gets_the_legacy_router(fresh_process: None) -> None:
    assert (Path(APP).parent / "pages").is_dir()
    PagesManager(APP)
    assert PagesManager.uses_pages_directory is True


def test_after_start_the_first_session_gets_st_navigation(fresh_process: None) -> None:
    aio.run(start_and_stop())
    PagesManager(APP)
    assert PagesManager.uses_pages_directory is False


def test_streamlit_run_serves_the_app_with_the_hook() -> None:
    found = discover_asgi_app(Path(APP))
    assert (found.is_asgi_app, found.import_string) == (True, "app:app")
    assert "lifespan=server.lifespan" in Path(APP).read_text(encoding="utf-8")
