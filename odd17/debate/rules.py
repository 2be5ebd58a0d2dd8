"""Pure rules of the live debate: join codes, secrets, device keys, shares and the comparison lines."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from odd17.formats import MISSING, NBSP, fr_decimal, fr_value, is_missing

if TYPE_CHECKING:
    from odd17.dataset import Dataset
    from odd17.debate.questions import Question

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read from the back of a room is typed right.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")
MAX_TEXT = 280
MAX_TITLE = 120
RETENTION_DAYS_ENV = "ODD17_DEBATE_RETENTION_DAYS"
RETENTION_DAYS_DEFAULT = 90
JOIN_ATTEMPTS = 5  # unknown codes allowed per device ...
JOIN_WINDOW_MINUTES = 10  # ... within this many minutes
FRANCE = "FR"
NOT_REPRESENTATIVE = "non représentatif"


def new_code() -> str:
    """A random join code of CODE_LENGTH characters from CODE_ALPHABET."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: object) -> str | None:
    """The code as typed (any case, spaces, dashes), or None when it cannot be a code."""
    if not isinstance(text, str):
        return None
    code = CODE_SEPARATORS.sub("", text).upper()
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else None


def new_secret() -> str:
    """The facilitator's key: long and random, shown only to whoever created the debate."""
    return secrets.token_urlsafe(32)


def new_device_token() -> str:
    """A browser's opaque identity (kept in a cookie); the database only sees its hash."""
    return secrets.token_urlsafe(24)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def secret_hash(secret: str) -> str:
    """What the database keeps of a secret."""
    return sha256_hex(secret)


def secret_matches(given: str | None, stored_hash: str) -> bool:
    """True when `given` is the secret whose hash is stored; constant time, never true for an empty key."""
    candidate = sha256_hex(given if isinstance(given, str) else "")
    return hmac.compare_digest(candidate, stored_hash) and bool(given)


def device_key(token: str) -> str:
    """What the database keeps of a device token: its sha256, never the token."""
    return sha256_hex(token)


def retention_days(environ: Mapping[str, str] = os.environ) -> int:
    """Days a debate is kept (ODD17_DEBATE_RETENTION_DAYS, default 90); ValueError in French if invalid."""
    raw = environ.get(RETENTION_DAYS_ENV, "").strip()
    if not raw:
        return RETENTION_DAYS_DEFAULT
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{RETENTION_DAYS_ENV} doit être un nombre entier de jours supérieur ou égal à 1 (reçu « {raw} »).")
    return int(raw)


@dataclass(frozen=True)
class Tally:
    """The room's answers to one question: every option in order, zeros included."""

    question_id: str
    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class Comparison:
    """The lines shown under the room's results: the room first, then the study (or why not)."""

    lines: tuple[str, ...]
    compared: bool


def agreeing_share(tally: Tally, counted_options) -> float | None:
    """Percent of the room's answers among `counted_options`; None with no answer or nothing counted."""
    counted = tuple(counted_options)
    if tally.total == 0 or not counted:
        return None
    return 100 * sum(tally.counts.get(option, 0) for option in counted) / tally.total


def answers_label(total: int) -> str:
    """'1 réponse', '23 réponses', '1 204 réponses'."""
    return f"{fr_decimal(total)} réponse" + ("s" if total > 1 else "")


def percent(share: float) -> str:
    """A share of a small room, rounded to the unit: '61 %'."""
    return fr_value(round(share), "%")


def room_line(question: Question, tally: Tally) -> str:
    """« La salle : 61 % d'accord (23 réponses, non représentatif) »."""
    if tally.total == 0:
        return f"La salle{NBSP}: aucune réponse pour l'instant"
    share = agreeing_share(tally, question.counted)
    if share is None:
        return f"La salle{NBSP}: {answers_label(tally.total)} ({NOT_REPRESENTATIVE})"
    return f"La salle{NBSP}: {percent(share)} {question.share_label} ({answers_label(tally.total)}, {NOT_REPRESENTATIVE})"


def figure_row(ds: Dataset, indicator: str, region: str) -> dict | None:
    """The latest figure of an indicator for a region (a row whose value may be missing), or None."""
    figures = ds.figures
    rows = figures[(figures["indicator"] == indicator) & (figures["region"] == region)]
    if rows.empty:
        return None
    return rows.sort_values("year", na_position="first").iloc[-1].to_dict()


def study_line(question: Question, ds: Dataset, region: str) -> str:
    """« France : 74 % (IMPACT-Citoyens, base 50,2 millions) », or « Bretagne : non publié »."""
    name = "France" if region == FRANCE else region_name(ds, region)
    row = figure_row(ds, question.indicator or "", region)
    if row is None or is_missing(row["value"]):
        return f"{name}{NBSP}: {MISSING}"
    indicators = ds.indicators.set_index("id")
    study, unit = indicators.at[question.indicator, "study"], indicators.at[question.indicator, "unit"]
    qualifier = row.get("qualifier", "")
    value = fr_value(row["value"], unit, "" if is_missing(qualifier) else str(qualifier))
    return f"{name}{NBSP}: {value} ({study}, {base_text(question, ds, region, row)})"


def base_text(question: Question, ds: Dataset, region: str, row: dict) -> str:
    """'base 50,2 millions' from the base indicator when there is one, else the figure's own base."""
    base = figure_row(ds, question.base_indicator, region) if question.base_indicator else None
    if base is not None and not is_missing(base["value"]):
        unit = ds.indicators.set_index("id").at[question.base_indicator, "unit"]
        return f"base {fr_value(base['value'], unit)}"
    return f"base{NBSP}: {row['base']}"


def region_name(ds: Dataset, region: str) -> str:
    regions = ds.regions.set_index("code")
    return str(regions.at[region, "name"]) if region in regions.index else region


def comparison_lines(question: Question, tally: Tally, ds: Dataset, region: str = FRANCE) -> Comparison:
    """The room's line, then France's and the region's figures, only where the study asked the same question on the same scale."""
    room = room_line(question, tally)
    if question.kind == "open":
        return Comparison((room, f"Question ouverte{NBSP}: pas de chiffre de l'étude à comparer."), False)
    if not question.indicator:
        return Comparison((room, f"Pas de comparaison{NBSP}: l'étude ne publie pas de chiffre pour cette question."), False)
    if not question.comparable:
        reason = f"Pas de comparaison{NBSP}: le carnet ne publie pas cette question avec le même libellé et la même échelle de réponses."
        return Comparison((room, reason), False)
    study = [study_line(question, ds, FRANCE)]
    if region and region != FRANCE:
        study.append(study_line(question, ds, region))
    return Comparison((room, *study), True)
