"""Cached loading of the dataset and geometry, shared by every session.

`st.cache_resource` hands every session the same objects: the odd17 functions
never modify their inputs (they return new frames), and a test runs every page
and checks that the cached tables are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from odd17 import geo
from odd17.dataset import Dataset, DatasetError, data_dir, load
from odd17.formats import escape_markdown

INVALID_TITLE = "Le jeu de données ne peut pas être affiché : il n'est pas valide."


def folder_stamp(path: Path) -> float:
    """Latest modification time in the folder, so an edited dataset is reloaded."""
    files = list(path.glob("*")) if path.is_dir() else []
    return max((f.stat().st_mtime for f in files), default=0.0)


@st.cache_resource(show_spinner=False)
def cached_dataset(path: str, stamp: float) -> Dataset | DatasetError:
    try:
        return load(Path(path))
    except DatasetError as error:
        return error


def dataset() -> Dataset:
    """The dataset, or a French explanation with every problem, then stop."""
    path = data_dir()
    result = cached_dataset(str(path), folder_stamp(path))
    if isinstance(result, DatasetError):
        lines = "\n".join(f"- {escape_markdown(p)}" for p in result.problems)
        st.error(f"**{INVALID_TITLE}**\n\nDossier : `{escape_markdown(path)}`\n\n{lines}")
        st.info("Corrigez ces problèmes puis rechargez la page ; `python -m odd17 check` donne la même liste.")
        st.stop()
    return result


@st.cache_resource(show_spinner=False)
def regions_geojson(path: str) -> dict:
    return geo.load_geojson(Path(path))


def geometry(ds: Dataset) -> dict:
    return regions_geojson(str(geo.regions_path(ds.path)))
