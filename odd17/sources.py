"""The Sources page's content: the sources table, the tables, the licence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SAFE_SCHEMES = ("https://", "http://")
COLUMN_NAMES = {"title": "Titre", "publisher": "Éditeur", "date": "Date", "section": "Section", "url": "Lien", "accessed": "Consulté le"}


def safe_url(url: object) -> str:
    """Only http(s) links are shown as links; anything else (javascript:, data:) is dropped."""
    text = str(url or "").strip()
    return text if text.lower().startswith(SAFE_SCHEMES) else ""


def table(sources: pd.DataFrame) -> pd.DataFrame:
    """Sources with French headers and only safe links."""
    rows = sources.assign(url=sources["url"].map(safe_url))
    return rows[list(COLUMN_NAMES)].rename(columns=COLUMN_NAMES)


def is_main(sources: pd.DataFrame) -> pd.Series:
    """Rows of the most cited document (the carnet, one row per section)."""
    return sources["title"] == sources["title"].value_counts().index[0]


def main_document(sources: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """'Publisher, « title », date' of the main document, and its sections."""
    rows = sources[is_main(sources)]
    first = rows.iloc[0]
    return f"{first['publisher']}, « {first['title']} », {first['date']}", rows[["section"]].rename(columns={"section": "Section"})


def other_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Every other source, with its link when it is a web page."""
    return table(sources[~is_main(sources)])


def tables(ds) -> list[tuple[str, str, int, str]]:
    """(name, title, row count, description) of each table of the package."""
    described = {r["name"]: r for r in ds.package.get("resources", []) if isinstance(r, dict)}
    return [
        (name, str(described.get(name, {}).get("title", name)), len(frame), str(described.get(name, {}).get("description", "")))
        for name, frame in ds.tables.items()
    ]


def table_bytes(ds, name: str) -> bytes:
    """The table's CSV file as it is in the folder (already UTF-8)."""
    return (Path(ds.path) / f"{name}.csv").read_bytes()


def licence(ds) -> str:
    licences = ds.package.get("licenses") or []
    names = [str(item.get("title") or item.get("name")) for item in licences if isinstance(item, dict)]
    return "Licence du jeu de données : " + (", ".join(names) if names else "non précisée par le jeu de données") + "."


def geometry_note(ds) -> str:
    rows = ds.sources[ds.sources["id"].str.startswith("geo-")]
    if rows.empty:
        return "Contours : voir data/geo/README.md."
    row = rows.iloc[0]
    return f"Contours des régions : {row['title']} ; licence : {row['licence']}."
