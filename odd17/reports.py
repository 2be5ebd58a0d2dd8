"""Published regional reports: which report covers a region, and where to read it.

The app shows only some of a report's figures (most are chart images); the
report itself is where an élu finds the rest, so its page is linked.
"""

from __future__ import annotations

import pandas as pd

from odd17.indicators import citation_line, figures, french_date
from odd17.sources import safe_url

REGIONAL_REPORTS = "prog_rapports_regionaux"
FULL_FIGURES = "Les chiffres complets de la région sont dans ce rapport ; l'application n'en reprend que ceux publiés en texte."
COLUMNS = ["id", "region", "title", "publisher", "date", "date_display", "url", "study", "source", "note"]


def for_region(ds, code: str) -> pd.DataFrame:
    """The reports known to cover a region, oldest first, with a French date and only safe links.

    Empty for France and for regions without a known report.
    """
    rows = ds.tables.get("reports")
    if rows is None or rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = rows[rows["region"] == code].sort_values(["date", "id"])
    rows = rows.assign(url=rows["url"].map(safe_url), date_display=rows["date"].map(french_date))
    for column in ("note", "study"):
        if column not in rows:
            rows[column] = ""
    return rows[COLUMNS].reset_index(drop=True)


def covered_regions(ds) -> list[str]:
    """Codes of the regions that at least one known report covers."""
    rows = ds.tables.get("reports")
    return [] if rows is None else sorted(set(rows["region"]))


def none_message(ds) -> str:
    """What a region without a known report is told, with the programme's published report count."""
    table = figures(ds)
    count = table[(table["indicator"] == REGIONAL_REPORTS) & table["value"].notna()]
    message = "Aucun rapport régional publié n'est référencé pour cette région dans les sources de l'application."
    if count.empty:
        return message
    row = count.iloc[-1]
    cited = citation_line(ds.sources, [row["source"]])
    return f"{message} L'étude IMPACT-Territoire a publié {row['display']} rapports régionaux (source : {cited})."
