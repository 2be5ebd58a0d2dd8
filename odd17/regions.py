"""Regions: the INSEE codes, their names, and reading a region from a URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

FRANCE = "FR"
FRANCE_NAME = "France"
MAX_SHOWN = 40  # a notice quotes at most this many characters of a bad value


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


def shown(value: str) -> str:
    """A refused value, shortened for a notice."""
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


def parse_region(raw: object, known: set[str]) -> RegionChoice:
    """Read a region code from a query parameter; fall back to France with a notice."""
    if raw is None or raw == "" or raw == []:
        return RegionChoice(FRANCE)
    values = [str(v) for v in raw] if isinstance(raw, list | tuple) else [str(raw)]
    value = values[0].strip().upper()
    if value in known or value == FRANCE:
        notice = "Plusieurs régions demandées : seule la première est affichée." if len(values) > 1 else None
        return RegionChoice(value, notice)
    return RegionChoice(
        FRANCE,
        f"Le code de région « {shown(values[0])} » n'est pas reconnu : la France entière est affichée.",
    )
