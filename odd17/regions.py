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


# French grammar of each region's name, by INSEE code: the article it takes and how
# one says "in" it. Names come from the data; these forms from usage (INSEE, the
# regions' own sites): « dans les Hauts-de-France », « en Centre-Val de Loire »,
# « à La Réunion » (the article is part of the name), « à Mayotte » (none).
ARTICLES = {  # article → (itself, after « de », after « à »)
    "la": ("la ", "de la ", "à la "),
    "le": ("le ", "du ", "au "),
    "l'": ("l'", "de l'", "à l'"),
    "les": ("les ", "des ", "aux "),
    "": ("", "de ", "à "),
}
GRAMMAR = {  # code → (article, locative)
    FRANCE: ("la", "en"),
    "11": ("l'", "en"),
    "24": ("le", "en"),
    "27": ("la", "en"),
    "28": ("la", "en"),
    "32": ("les", "dans les"),
    "44": ("le", "dans le"),
    "52": ("les", "dans les"),
    "53": ("la", "en"),
    "75": ("la", "en"),
    "76": ("l'", "en"),
    "84": ("l'", "en"),
    "93": ("la", "en"),
    "94": ("la", "en"),
    "01": ("la", "en"),
    "02": ("la", "en"),
    "03": ("la", "en"),
    "04": ("", "à"),
    "06": ("", "à"),
}
UNKNOWN_REGION = ("la région ", "dans la région ", "de la région ", "à la région ")  # a code not above: always grammatical


def with_article(code: str, name: str) -> str:
    """« la Bretagne », « l'Île-de-France », « les Pays de la Loire », « La Réunion »."""
    if code not in GRAMMAR:
        return UNKNOWN_REGION[0] + name
    return ARTICLES[GRAMMAR[code][0]][0] + name


def in_region(code: str, name: str) -> str:
    """« en Bretagne », « dans les Hauts-de-France », « à La Réunion »."""
    if code not in GRAMMAR:
        return UNKNOWN_REGION[1] + name
    return f"{GRAMMAR[code][1]} {name}"


def for_region(code: str, name: str) -> str:
    """« pour la Bretagne », « pour les Pays de la Loire », « pour Mayotte »."""
    return "pour " + with_article(code, name)


def of_region(code: str, name: str) -> str:
    """« de la Bretagne », « des Pays de la Loire », « du Grand Est », « de La Réunion »."""
    if code not in GRAMMAR:
        return UNKNOWN_REGION[2] + name
    return ARTICLES[GRAMMAR[code][0]][1] + name


def to_region(code: str, name: str) -> str:
    """« à la Bretagne », « aux Pays de la Loire », « au Grand Est », « à La Réunion » (as in « propre à »)."""
    if code not in GRAMMAR:
        return UNKNOWN_REGION[3] + name
    return ARTICLES[GRAMMAR[code][0]][2] + name
