"""French formatting of figures and safe display of text that comes from data."""

from __future__ import annotations

import math
import re

NBSP = "\u00a0"  # before %, € and units
NNBSP = "\u202f"  # thousands separator (espace fine insécable)
MISSING = "non publié"
PERCENT_UNITS = {"%"}
SUFFIX_UNITS = {"%": "%", "€": "€", "M€": "M€", "Md€": "Md€", "note sur 10": "/10"}
MILLIONS_UNITS = {"millions de personnes": "millions"}
YEAR_UNITS = {"année"}
# Every ASCII punctuation character can be backslash-escaped in CommonMark;
# escaping them all stops links, images, emphasis, HTML, Streamlit's :color[]
# directives and $LaTeX$ from being interpreted in text that comes from data.
MARKDOWN_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's renderer (GFM) turns bare URLs and e-mail addresses into links after
# escapes are read, so escaping cannot stop them: an invisible word joiner inside
# the trigger ("http⁠://", "www⁠.", "nom⁠@domaine") keeps them plain text.
WORD_JOINER = "\u2060"
AUTOLINK_TRIGGERS = re.compile(r"(?i)(https?(?=://)|www(?=\.))|(?<=[-.\w+])(?=@)")


# French typography: no line break, and a no-break space, before « : ; ! ? % » and inside « ».
NO_BREAK_RULES = (
    (re.compile(r" +([:;!?%»])"), NBSP + r"\1"),
    (re.compile(r"« +"), "«" + NBSP),
)


def no_break(text: str) -> str:
    """Text with French no-break spaces: 'Population : 3 %' → 'Population\u00a0: 3\u00a0%'."""
    for pattern, replacement in NO_BREAK_RULES:
        text = pattern.sub(replacement, text)
    return text


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value) in {"<NA>", "nan", ""}


def fr_decimal(value: float, decimals: int | None = None) -> str:
    """A number in French: thin space for thousands, decimal comma."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def fr_value(value: object, unit: str = "", qualifier: str = "") -> str:
    """A figure as the carnet writes it: '74 %', '50,2 millions', '342 144'."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    text = str(int(number)) if unit in YEAR_UNITS else fr_decimal(number)
    if unit in SUFFIX_UNITS:
        text += NBSP + SUFFIX_UNITS[unit]
    elif unit in MILLIONS_UNITS:
        text += NBSP + MILLIONS_UNITS[unit]
    return f"{qualifier}{NBSP}{text}" if qualifier else text


def fr_year(year: object) -> str:
    """A year, or the explicit 'année non précisée'."""
    return "année non précisée" if is_missing(year) else str(int(year))  # type: ignore[arg-type]


def escape_markdown(text: object) -> str:
    """Text from data, made inert for st.markdown: shown as typed, never run."""
    if is_missing(text):
        return ""
    unlinked = AUTOLINK_TRIGGERS.sub(lambda m: (m.group(1) or "") + WORD_JOINER, str(text))
    return MARKDOWN_SPECIALS.sub(r"\\\1", unlinked)
