"""The three eras and the dated milestones."""

from __future__ import annotations

import pandas as pd

KIND_LABELS = {
    "programme": "Programmes et études",
    "publication": "Publications",
    "evenement": "Événements et débats",
    "institution": "Institutions",
    "droit": "Droit et cadre public",
    "exemple": "Exemples",
}
PRECISION_LABELS = {"day": "jour", "month": "mois", "year": "année", "period": "période"}
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def eras(concepts: pd.DataFrame) -> pd.DataFrame:
    """The eras in order, the open question of a fourth last."""
    return concepts[concepts["group"] == "era"].sort_values("order").reset_index(drop=True)


def start_date(date: str) -> pd.Timestamp:
    """The first day a partial ISO date ('2015', '2015-06', '2017-11-23') covers."""
    parts = [*date.split("-"), "01", "01"][:3]
    return pd.Timestamp(f"{parts[0]}-{parts[1]}-{parts[2]}")


def date_label(date: str, precision: str, end_year: object) -> str:
    """'23 novembre 2017', 'juin 2015', '2008', '2008-2012'."""
    parts = date.split("-")
    if precision == "period" and not pd.isna(end_year):
        return f"{parts[0]}-{int(end_year)}"
    if len(parts) == 3:
        day = "1er" if parts[2] == "01" else str(int(parts[2]))
        return f"{day} {FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def milestones(timeline: pd.DataFrame, kinds: tuple[str, ...] = ()) -> pd.DataFrame:
    """Milestones (optionally of some kinds) with a start date and a French date label."""
    rows = timeline[timeline["kind"].isin(kinds)] if kinds else timeline
    rows = rows.assign(
        start=rows["date"].map(start_date),
        when=[date_label(d, p, e) for d, p, e in zip(rows["date"], rows["precision"], rows["end_year"], strict=True)],
        kind_label=rows["kind"].map(KIND_LABELS),
    )
    rows = rows.sort_values(["start", "id"]).reset_index(drop=True)
    # Each milestone's place in its year (0, 1, 2…): the chart stacks them, so no two marks share a spot.
    return rows.assign(slot=rows.groupby(rows["start"].dt.year).cumcount())


def by_year(marks: pd.DataFrame) -> list[tuple[int, pd.DataFrame]]:
    """The milestones grouped by the year they start, oldest first, for a labelled list."""
    return [(int(year), group.reset_index(drop=True)) for year, group in marks.groupby(marks["start"].dt.year, sort=True)]


def alt_text(marks: pd.DataFrame) -> str:
    """Text alternative of the milestone chart."""
    return "Frise des jalons : " + " ; ".join(f"{w} : {lab}" for w, lab in zip(marks["when"], marks["label"], strict=True))
