"""Shared fixtures: the bundled dataset, and broken copies of it made per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from odd17.dataset import BUNDLED_DIR, Dataset, load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load(BUNDLED_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (CSV and datapackage.json; geometry left out)."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DIR, target, ignore=shutil.ignore_patterns("geo"))
    return target


# The debate store's real databases (SQLite and PostgreSQL), shared by its test files.
from debatedb import debate_ds, fresh_pg, pg_admin, pg_url, store, store_url  # noqa: E402, F401
