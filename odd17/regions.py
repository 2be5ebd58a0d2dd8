"""Regions: the INSEE codes, their names, and reading a region from a URL."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd

FRANCE = "FR"
FRANCE_NAME = "France"
MAX_SHOWN = 40  # a notice quotes at most this many characters of a bad value
# Control and format characters (newlines, bidi overrides, zero-width marks) in a
# quoted value could break the notice's layout or reorder its words: dropped.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


@dataclass(frozen=True)
class RegionChoice:
    """The region to show, and a notice when the requested one was refused."""

    code: str
    notice: str | None = None


def names(regions: pd.DataFrame) -> dict[str, str]:
    """Code → name, France included."""
    return {FRANCE: FRANCE_NAME, **dict(zip(regions["code"], regions["name"], strict=True))}


def options(regions: pd.DataFrame) -> list[str]:
    """Codes for a picker: France, the metropolitan regions by name, then overseas."""
    ordered = regions.sort_values(["overseas", "name"], key=lambda c: c.map(str).str.normalize("NFKD"))
    return [FRANCE, *ordered["code"].tolist()]


def shown(value: object) -> str:
    """A refused value, on one line, without invisible characters, shortened for a notice."""
    text = str(value)
    visible = "".join(" " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c) not in HIDDEN_CATEGORIES)
    text = " ".join(visible.split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def parse_region(raw: object, known: set[str]) -> RegionChoice:
    """Read a region code from a query parameter; fall back to France with a notice.

    Blank values count as no choice; a repeated parameter keeps its first value,
    with a notice only when the values differ.
    """
    items = raw if isinstance(raw, list | tuple) else [] if raw is None else [raw]
    values = [str(v) for v in items if str(v).strip()]
    if not values:
        return RegionChoice(FRANCE)
    value = values[0].strip().upper()
    if value in known or value == FRANCE:
        several = len({v.strip().upper() for v in values}) > 1
        return RegionChoice(value, "Plusieurs régions demandées : seule la première est affichée." if several else None)
    return RegionChoice(
        FRANCE,
        f"Le code de région « {shown(values[0])} » n'est pas reconnu : la France entière est affichée.",
    )
