"""The dataset rules that a Table Schema cannot express.

Each rule takes the tables as read (all strings) and returns Problems with the
file line (header is line 1, so the first data row is line 2).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from odd17.problems import Problem
from odd17.regions import FRANCE
from odd17.sources import SAFE_SCHEMES

SOURCED_TABLES = ("figures", "case_studies", "timeline", "diffusion", "concepts", "reports", "debate_questions")
LIST_SEPARATOR = ";"
VOCABULARY_COLUMNS = {
    "actor_profiles": "actor_profile",
    "domains": "domain",
    "level": "level",
    "category": "category",
}
FIRST_DATA_LINE = 2
OPTION_SEPARATOR = "|"  # debate options: a ';' may occur inside an answer


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into its trimmed, non-empty items."""
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]


def unknown(frame: pd.DataFrame, column: str, known: set[str], multi: bool = False) -> Iterable[tuple[int, str]]:
    """(line, value) of each cell whose value (or list item) is not in `known`."""
    for index, cell in enumerate(frame[column].tolist()):
        items = split_list(cell) if multi else ([cell] if cell != "" else [])
        for item in items:
            if item not in known:
                yield index + FIRST_DATA_LINE, item


def sources_exist(tables: dict, paths: dict) -> list[Problem]:
    known = set(tables["sources"]["id"]) if "sources" in tables else set()
    return [
        Problem(paths[name], f"source inconnue « {value} » (absente de sources.csv)", line, "source")
        for name in SOURCED_TABLES
        if name in tables
        for line, value in unknown(tables[name], "source", known)
    ] + [
        Problem(paths[name], "source vide : tout chiffre doit citer sa source", index + FIRST_DATA_LINE, "source")
        for name in SOURCED_TABLES
        if name in tables
        for index, value in enumerate(tables[name]["source"].tolist())
        if value == ""
    ]


def regions_known(tables: dict, paths: dict) -> list[Problem]:
    codes = set(tables["regions"]["code"]) if "regions" in tables else set()
    checks = (("figures", "region", False), ("case_studies", "regions", True), ("diffusion", "region", False), ("reports", "region", False))
    return [
        Problem(paths[name], f"code de région inconnu « {value} »", line, column)
        for name, column, multi in checks
        if name in tables
        for line, value in unknown(tables[name], column, codes | {FRANCE}, multi)
    ]


def indicators_known(tables: dict, paths: dict) -> list[Problem]:
    if "figures" not in tables or "indicators" not in tables:
        return []
    known = set(tables["indicators"]["id"])
    return [
        Problem(paths["figures"], f"indicateur « {value} » absent du catalogue", line, "indicator")
        for line, value in unknown(tables["figures"], "indicator", known)
    ]


def figures_unique(tables: dict, paths: dict) -> list[Problem]:
    if "figures" not in tables:
        return []
    keys = tables["figures"][["indicator", "region", "year"]]
    duplicated = keys.duplicated(keep="first")
    return [
        Problem(paths["figures"], "doublon indicateur/région/année " + "/".join(keys.iloc[i]), i + FIRST_DATA_LINE)
        for i in duplicated[duplicated].index
    ]


def vocabulary_known(tables: dict, paths: dict) -> list[Problem]:
    if "case_studies" not in tables or "concepts" not in tables:
        return []
    concepts = tables["concepts"]
    problems = []
    for column, group in VOCABULARY_COLUMNS.items():
        if column not in tables["case_studies"]:
            continue
        known = set(concepts.loc[concepts["group"] == group, "id"])
        for line, value in unknown(tables["case_studies"], column, known, multi=True):
            problems.append(Problem(paths["case_studies"], f"valeur « {value} » absente du vocabulaire « {group} »", line, column))
    return problems


def report_links_safe(tables: dict, paths: dict) -> list[Problem]:
    """A report's link is shown to users as a link: only http(s) is accepted."""
    if "reports" not in tables:
        return []
    return [
        Problem(paths["reports"], f"lien refusé « {url} » : seules les adresses http(s) sont acceptées", index + FIRST_DATA_LINE, "url")
        for index, url in enumerate(tables["reports"]["url"].tolist())
        if url and not url.lower().startswith(SAFE_SCHEMES)  # the links the Sources page shows (sources.safe_url)
    ]


def split_options(value: str) -> list[str]:
    """Split a '|'-separated cell of debate answers into its trimmed, non-empty items."""
    return [item.strip() for item in str(value).split(OPTION_SEPARATOR) if item.strip()]


def question_problems(row: dict, indicators: set[str]) -> list[tuple[str, str]]:
    """(column, message) of each problem of one debate question."""
    options, counted = split_options(row["options"]), split_options(row["counted"])
    problems = [("counted", f"réponse comptée « {c} » absente des réponses proposées") for c in counted if c not in options]
    if len(set(options)) != len(options):
        problems.append(("options", "réponse proposée en double"))
    if row["kind"] == "choice" and len(options) < 2:
        problems.append(("options", "une question à choix propose au moins deux réponses"))
    if row["kind"] == "open" and (options or counted):
        problems.append(("options", "une question ouverte ne propose pas de réponses"))
    for column in ("indicator", "base_indicator"):
        if row.get(column, "") and row[column] not in indicators:
            problems.append((column, f"indicateur « {row[column]} » absent du catalogue"))
    if counted and not row.get("share_label", ""):
        problems.append(("share_label", "dites ce que compte le pourcentage (ex. « d'accord »)"))
    if str(row["comparable"]).lower() == "true" and not (row["indicator"] and counted):
        problems.append(("comparable", "une question comparable nomme son indicateur et ses réponses comptées"))
    return problems


def debate_questions_valid(tables: dict, paths: dict) -> list[Problem]:
    if "debate_questions" not in tables:
        return []
    indicators = set(tables["indicators"]["id"]) if "indicators" in tables else set()
    return [
        Problem(paths["debate_questions"], message, index + FIRST_DATA_LINE, column)
        for index, row in enumerate(tables["debate_questions"].to_dict("records"))
        for column, message in question_problems(row, indicators)
    ]


RULES = (sources_exist, regions_known, indicators_known, figures_unique, vocabulary_known, debate_questions_valid, report_links_safe)


def check(tables: dict[str, pd.DataFrame], paths: dict[str, str]) -> list[Problem]:
    """Run every rule."""
    return [problem for rule in RULES for problem in rule(tables, paths)]
