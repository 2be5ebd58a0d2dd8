"""Cached loading of the dataset and geometry, shared by every session.

`st.cache_resource` hands every session the same objects: the odd17 functions
never modify their inputs (they return new frames), and a test runs every page
and checks that the cached tables are unchanged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Protocol

import streamlit as st

from odd17 import geo
from odd17.dataset import Dataset, DatasetError, data_dir, load
from odd17.formats import escape_markdown

INVALID_TITLE = "Le jeu de données ne peut pas être affiché : il n'est pas valide."
UNEXPECTED_TITLE = "Cette page n'a pas pu être affichée entièrement : une erreur inattendue s'est produite."
UNEXPECTED_HELP = (
    "Les autres pages restent utilisables. Le détail de l'erreur est consigné dans le journal du serveur, "
    "jamais affiché ici ; signalez-la avec l'adresse de la page et l'heure."
)
LOGGER = logging.getLogger("odd17.ui")
GEOMETRY_TITLE = "La carte ne peut pas être affichée : le fichier des contours de régions est illisible."


def folder_stamp(path: Path) -> float:
    """Latest modification time in the folder, so an edited dataset is reloaded.

    Read on every run of every page: os.scandir, which gets the entries' times
    with the listing, costs a fraction of Path.glob plus one stat per file.
    """
    try:
        with os.scandir(path) as entries:
            return max((entry.stat().st_mtime for entry in entries), default=0.0)
    except (FileNotFoundError, NotADirectoryError):
        return 0.0


@st.cache_resource(show_spinner=False)
def cached_dataset(path: str, stamp: float) -> Dataset | DatasetError:
    try:
        return load(Path(path))
    except DatasetError as error:
        return error


def one_line(problem: object) -> str:
    """A problem on one line, so that a newline in a quoted value cannot break the list."""
    return " ".join(str(problem).split())


def dataset() -> Dataset:
    """The dataset, or a French explanation with every problem, then stop."""
    path = data_dir()
    result = cached_dataset(str(path), folder_stamp(path))
    if isinstance(result, DatasetError):
        lines = "\n".join(f"- {escape_markdown(one_line(p))}" for p in result.problems)
        # No `code span` around the path: backslash escapes are not read inside one.
        st.error(f"**{INVALID_TITLE}**\n\nDossier : {escape_markdown(path)}\n\n{lines}")
        st.info("Corrigez ces problèmes puis rechargez la page ; `python -m odd17 check` donne la même liste.")
        st.stop()
    return result


@st.cache_resource(show_spinner=False)
def regions_geojson(path: str) -> dict:
    return geo.load_geojson(Path(path))


def geometry(ds: Dataset) -> dict:
    """The region outlines, or a French explanation (then stop) when the file is unreadable."""
    path = geo.regions_path(ds.path)
    try:
        return regions_geojson(str(path))
    except (OSError, ValueError) as error:  # ValueError covers bad JSON and bad UTF-8
        st.error(f"**{GEOMETRY_TITLE}**\n\nFichier : {escape_markdown(path)}\n\n{escape_markdown(one_line(error))}")
        st.stop()


class Runnable(Protocol):
    def run(self) -> None: ...


def run_page(page: Runnable) -> None:
    """Run a page; an unexpected error becomes a French message, its traceback goes to the log only.

    st.stop, st.rerun and st.switch_page raise BaseException subclasses: they pass through.
    """
    try:
        page.run()
    except Exception:
        LOGGER.exception("unexpected error on page %s", getattr(page, "url_path", page))
        st.error(f"**{UNEXPECTED_TITLE}**\n\n{UNEXPECTED_HELP}")


@st.cache_resource(show_spinner=False)
def frames_geojson(path: str) -> dict:
    return geo.load_geojson(Path(path))


def inset_frames(ds: Dataset) -> dict:
    """The boxes around the overseas insets."""
    return frames_geojson(str(geo.insets_path(ds.path)))
