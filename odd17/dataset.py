"""Load and validate a dataset folder (a Frictionless Data Package).

The app reads `data/` by default, or the folder named by ODD17_DATA_DIR. Every
problem is reported as one line naming the file, the row and the column, so
that `python -m odd17 check` and the app show the same list.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pandas as pd

from odd17 import rules
from odd17.problems import Problem

DATA_ENV = "ODD17_DATA_DIR"
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
FRANCE = "FR"
TABLES: dict[str, tuple[str, ...]] = {
    "sources": ("id", "title", "publisher", "date", "url", "section"),
    "regions": ("code", "name", "short_name", "overseas"),
    "indicators": ("id", "label", "short_label", "study", "unit", "family"),
    "figures": ("indicator", "region", "year", "value", "base", "source", "note"),
    "case_studies": ("id", "title", "summary", "regions", "source"),
    "timeline": ("id", "date", "year", "precision", "label", "kind", "source"),
    "diffusion": ("innovation", "region", "year", "label", "source"),
    "concepts": ("group", "id", "order", "label", "source"),
    "reports": ("id", "region", "title", "publisher", "date", "url", "study", "source"),
    "debate_questions": ("id", "order", "kind", "label", "wording", "options", "counted", "indicator", "comparable", "source", "note"),
}
# A folder made before a table existed stays valid without it: the table is then empty.
OPTIONAL_TABLES = ("reports", "debate_questions")
INTEGER_COLUMNS = {
    "figures": ("year",),
    "case_studies": ("year_start", "year_end"),
    "timeline": ("year", "end_year"),
    "diffusion": ("year",),
    "concepts": ("order",),
    "debate_questions": ("order",),
}
NUMBER_COLUMNS = {"figures": ("value",)}
BOOLEAN_COLUMNS = {"regions": ("overseas",), "debate_questions": ("comparable",)}
# Frictionless' own messages are English; the app speaks French, so each error
# type gets a French lead and keeps frictionless' detail after it.
FRICTIONLESS_TYPES_FR = {
    "type-error": "valeur du mauvais type",
    "constraint-error": "contrainte non respectée",
    "missing-cell": "cellule manquante",
    "extra-cell": "cellule en trop",
    "blank-row": "ligne vide",
    "primary-key": "clé primaire en double",
    "unique-error": "valeur en double",
    "duplicate-label": "en-tête en double",
    "missing-label": "colonne manquante",
    "blank-label": "en-tête vide",
    "incorrect-label": "en-tête inattendu",
    "encoding-error": "encodage invalide",
    "source-error": "fichier illisible",
    "scheme-error": "fichier introuvable",
    "format-error": "format invalide",
}
SKIPPED_TYPES = {"foreign-key"}  # covered by our own rules, with clearer messages


class DatasetError(Exception):
    """Raised by `load` when the folder does not validate."""

    def __init__(self, path: Path, problems: list[Problem]):
        super().__init__(f"{path}: {len(problems)} problème(s)")
        self.path = path
        self.problems = problems


@dataclass(frozen=True)
class Dataset:
    """The validated tables of a dataset folder, with the package metadata."""

    path: Path
    package: dict
    tables: Mapping[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The dataset folder: ODD17_DATA_DIR when set and non-empty, else data/."""
    value = environ.get(DATA_ENV, "").strip()
    return Path(value) if value else BUNDLED_DIR


def read_descriptor(path: Path) -> tuple[dict | None, list[Problem]]:
    """Parse datapackage.json, reporting a missing or malformed file."""
    file = path / DESCRIPTOR
    if not path.is_dir():
        return None, [Problem(str(path), "le dossier de données n'existe pas")]
    if not file.is_file():
        return None, [Problem(DESCRIPTOR, "fichier absent")]
    try:
        descriptor = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        return None, [Problem(DESCRIPTOR, f"n'est pas en UTF-8 (octet {error.start})")]
    except json.JSONDecodeError as error:
        return None, [Problem(DESCRIPTOR, f"JSON invalide : {error.msg}", error.lineno)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(DESCRIPTOR, "la clé « resources » (liste) manque")]
    return descriptor, []


def resource_paths(descriptor: dict) -> tuple[dict[str, str], list[Problem]]:
    """Map each expected table to its file name, refusing paths outside the folder."""
    found: dict[str, str] = {}
    refused: dict[str, str] = {}
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict):
            continue
        name, rel = resource.get("name"), resource.get("path")
        if name in TABLES and isinstance(rel, str):
            safe = Path(rel).name == rel and not rel.startswith(".")
            (found if safe else refused)[name] = rel
    problems = [Problem(DESCRIPTOR, f"chemin refusé pour « {name} » : {rel}") for name, rel in refused.items()]
    problems += [
        Problem(DESCRIPTOR, f"la table « {name} » n'est pas déclarée")
        for name in TABLES
        if name not in found | refused and name not in OPTIONAL_TABLES
    ]
    return found, problems


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read one CSV as UTF-8 text (a BOM is accepted), locating a bad byte."""
    file = path / rel
    if not file.is_file():
        return None, [Problem(rel, "fichier absent")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel, f"n'est pas en UTF-8 (octet {error.start})", line)]
    if not text.strip():
        return None, [Problem(rel, "fichier vide")]
    return text, []


def parse_csv(rel: str, text: str, columns: tuple[str, ...]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV text as strings; report missing columns and ragged or cut lines."""
    reader = csv.reader(StringIO(text), strict=True)
    rows: list[list[str]] = []
    try:
        header = next(reader)
        for row in reader:
            if row and len(row) != len(header):
                message = f"{len(row)} cellule(s) au lieu de {len(header)}"
                return None, [Problem(rel, message, reader.line_num)]
            if row:
                rows.append(row)
    except csv.Error as error:
        return None, [Problem(rel, f"ligne CSV illisible ({error})", reader.line_num)]
    missing = [c for c in columns if c not in header]
    if missing:
        return None, [Problem(rel, "colonne absente", 1, c) for c in missing]
    return pd.DataFrame(rows, columns=header, dtype=str), []


def without_foreign_keys(descriptor: dict) -> dict:
    """The descriptor without its foreign keys: our rules check them with clearer messages
    (SKIPPED_TYPES), and frictionless' lookups cost a third of its validation on a large folder."""
    resources = []
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, dict) and "foreignKeys" in schema:
            resource = {**resource, "schema": {k: v for k, v in schema.items() if k != "foreignKeys"}}
        resources.append(resource)
    return {**descriptor, "resources": resources}


def frictionless_problems(path: Path, descriptor: dict) -> list[Problem]:
    """Validate the package with frictionless, translated to Problems."""
    from frictionless import Package  # heavy import: only when validating

    try:
        report = Package(without_foreign_keys(descriptor), basepath=str(path)).validate()
    except Exception as error:  # frictionless raises many types on bad descriptors
        return [Problem(DESCRIPTOR, f"descripteur invalide : {error}")]
    problems = []
    for task in report.tasks:
        file = Path(task.place).name if task.place else task.name
        for error in task.errors:
            kind = getattr(error, "type", "")
            if kind in SKIPPED_TYPES:
                continue
            lead = FRICTIONLESS_TYPES_FR.get(kind, kind)
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            problems.append(Problem(file, f"{lead} ({error.note})", row, column))
    for error in report.errors:
        problems.append(Problem(DESCRIPTOR, error.message))
    return problems


def read_tables(path: Path, paths: dict[str, str]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every declared table as strings."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, rel in paths.items():
        text, found = read_text(path, rel)
        if text is not None:
            frame, found = parse_csv(rel, text, TABLES[name])
            if frame is not None:
                tables[name] = frame
        problems += found
    return tables, problems


def validate(path: Path) -> list[Problem]:
    """Every problem of a dataset folder; empty when it is valid."""
    return inspect(path)[1]


def inspect(path: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and validate a folder: its string tables and its problems."""
    descriptor, problems = read_descriptor(path)
    if descriptor is None:
        return {}, problems
    paths, problems = resource_paths(descriptor)
    tables, read_problems = read_tables(path, paths)
    problems += read_problems
    if problems:
        return tables, problems
    problems += frictionless_problems(path, descriptor)
    problems += rules.check(tables, paths)
    return tables, sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Convert the validated string tables to their types (missing stays NA)."""
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in INTEGER_COLUMNS.get(name, ()):
            if column in frame:
                frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        for column in NUMBER_COLUMNS.get(name, ()):
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Float64")
        for column in BOOLEAN_COLUMNS.get(name, ()):
            frame[column] = frame[column].str.lower().eq("true")
        out[name] = frame
    for name in OPTIONAL_TABLES:
        out.setdefault(name, pd.DataFrame(columns=list(TABLES[name]), dtype=str))
    return out


def load(path: Path | None = None) -> Dataset:
    """Load a valid dataset folder, or raise DatasetError with every problem."""
    path = Path(path) if path is not None else data_dir()
    tables, problems = inspect(path)
    if problems:
        raise DatasetError(path, problems)
    descriptor = json.loads((path / DESCRIPTOR).read_text(encoding="utf-8"))
    return Dataset(path=path, package=descriptor, tables=typed(tables))
