"""Context layers that are not study results: the Insee population of each region.

A context figure is shown beside the study's own (its sample base), never combined
with it: no study count is divided by a population to make a rate the study did not
publish, so this module gives the population and nothing computed from it.
"""

from __future__ import annotations

import pandas as pd

from odd17.formats import NBSP
from odd17.indicators import CONTEXT_FAMILY, figures, per_dataset

FAMILY = CONTEXT_FAMILY
POPULATION = "insee_population"
LABEL = "contexte (Insee)"
MISSING_POPULATION = "non disponible"
NOT_A_RATE = "Donnée de contexte, hors étude : aucun chiffre de l'étude n'est rapporté à cette population."


@per_dataset
def population(ds, code: str) -> pd.Series | None:
    """The region's population row (value NA when the source has none, e.g. Mayotte), or None."""
    table = figures(ds)
    rows = table[(table["indicator"] == POPULATION) & (table["region"] == code)]
    return rows.sort_values("year").iloc[-1] if len(rows) else None


def population_line(row: pd.Series | None) -> str:
    """'Population municipale au 1er janvier 2021 : 3 327 966 habitants — contexte (Insee)'; '' without a row."""
    if row is None:
        return ""
    head = f"Population municipale au 1er janvier {row['year_display']}{NBSP}:"
    if pd.isna(row["value"]):
        return f"{head} {MISSING_POPULATION} — {LABEL}. {row['note']}".strip()
    return f"{head} {row['display']}{NBSP}habitants — {LABEL}"
