"""The questions a facilitator can ask the room, read from the dataset's `debate_questions` table."""

from __future__ import annotations

from dataclasses import dataclass

from odd17.dataset import Dataset
from odd17.debate.errors import Refused
from odd17.formats import is_missing
from odd17.indicators import memoized
from odd17.regions import FRANCE
from odd17.rules import split_options

# The kinds of question, by the French name the CLI and the library use (`--type`, `type`).
# The stored kind (debate_items.kind, String(8)) is the English value.
KINDS = {"choix": "choice", "echelle": "scale", "ouverte": "open", "nuage": "words", "devinette": "guess"}
TEXT_KINDS = frozenset({"open", "words"})  # answered by typing: moderated before the projector shows them


@dataclass(frozen=True)
class Question:
    """One question: its wording, its answers in order, and what it compares with in the study."""

    id: str
    order: int
    kind: str  # a value of KINDS
    wording: str
    options: tuple[str, ...]
    counted: tuple[str, ...]
    indicator: str | None
    comparable: bool
    label: str
    source: str
    note: str
    share_label: str = ""  # what the room's percentage counts, e.g. "d'accord"
    base_indicator: str | None = None  # the study's base (population represented), if published


def text(value: object) -> str:
    return "" if is_missing(value) else str(value).strip()


def from_row(row: dict) -> Question:
    return Question(
        id=text(row["id"]),
        order=int(row["order"]),
        kind=text(row["kind"]),
        wording=text(row["wording"]),
        options=tuple(split_options(text(row["options"]))),
        counted=tuple(split_options(text(row["counted"]))),
        indicator=text(row["indicator"]) or None,
        comparable=bool(row["comparable"]),
        label=text(row["label"]),
        source=text(row["source"]),
        note=text(row.get("note")),
        share_label=text(row.get("share_label")),
        base_indicator=text(row.get("base_indicator")) or None,
    )


def questions(ds: Dataset) -> list[Question]:
    """Every question of the dataset, in the table's order."""
    table = ds.debate_questions.sort_values("order", kind="stable")
    return list(memoized("debate_questions", ds, lambda: tuple(from_row(row) for row in table.to_dict("records"))))


def by_id(ds: Dataset) -> dict[str, Question]:
    """Questions keyed by id."""
    return {question.id: question for question in questions(ds)}


def resolve(ds: Dataset, region: str, question_ids: list[str]) -> list[Question]:
    """The questions a new debate asks, in order and once each; Refused with a French message otherwise."""
    if region != FRANCE and region not in set(ds.regions["code"]):
        raise Refused(f"Région inconnue « {region} » : donnez un code INSEE de région ou {FRANCE}.")
    known = by_id(ds)
    wanted = list(dict.fromkeys(question_ids))
    if not wanted:
        raise Refused("Choisissez au moins une question.")
    unknown = [q for q in wanted if q not in known]
    if unknown:
        raise Refused("Question inconnue : " + ", ".join(f"« {q} »" for q in unknown) + ".")
    return [known[q] for q in wanted]
