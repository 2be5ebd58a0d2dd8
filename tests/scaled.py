"""Synthetic scaled copies of data/, for benchmarks and tests only (never written into data/).

`make_scaled_copy(target, cases)` copies the bundled dataset and multiplies its
case studies up to `cases` rows and its figures by the same factor (up to
MAX_FIGURE_COPIES), so that the app can be measured at the size of the
Observatoire's own base (650 to 1,000+ examples). The bundled rows are kept as
they are; every added row cites the source `synthetique` and says in its note
that it is synthetic, so no generated value can pass for a published one.

    python tests/scaled.py OUT_DIR --cases 1000
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"
SOURCE_ID = "synthetique"
SOURCE_ROW = {
    "id": SOURCE_ID,
    "title": "Données synthétiques du banc de mesure (copies des exemples et chiffres du carnet)",
    "publisher": "odd17, tests/scaled.py",
}
CASE_NOTE = "Ligne synthétique générée pour les mesures de vitesse : copie de l'exemple « {id} »."
FIGURE_NOTE = "Ligne synthétique générée pour les mesures de vitesse : copie du chiffre {indicator}/{region}."
# Figures are unique per indicator/region/year, and an indicator has at most YEARS_PER_PAIR years
# per region: copies take years before any the carnet dates (1950-1989).
FIRST_SYNTHETIC_YEAR = 1950
YEARS_PER_PAIR = 2
MAX_FIGURE_COPIES = 20
SIZES = (39, 300, 1000, 3000)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def synthetic_cases(rows: list[dict[str, str]], cases: int) -> list[dict[str, str]]:
    """The bundled cases, then numbered synthetic copies of them in turn up to `cases` rows."""
    added = []
    for number in range(1, max(cases - len(rows), 0) + 1):
        original = rows[(number - 1) % len(rows)]
        added.append(
            {
                **original,
                "id": f"synth-{number:05d}-{original['id']}"[:80],
                "title": f"{original['title']} (synthétique {number})",
                "source": SOURCE_ID,
                "note": CASE_NOTE.format(id=original["id"]),
            }
        )
    return rows[:cases] + added


def synthetic_figures(rows: list[dict[str, str]], copies: int) -> list[dict[str, str]]:
    """The bundled figures, then `copies - 1` synthetic copies of each, at years from 1950 that no two share."""
    rank: dict[tuple[str, str], int] = {}
    ranks = []
    for row in rows:  # the n-th year of an indicator/region pair
        pair = (row["indicator"], row["region"])
        ranks.append(rank.get(pair, 0))
        rank[pair] = ranks[-1] + 1
    if max(ranks, default=0) >= YEARS_PER_PAIR:
        raise ValueError(f"an indicator has more than {YEARS_PER_PAIR} years in one region: raise YEARS_PER_PAIR")
    added = [
        {
            **row,
            "year": str(FIRST_SYNTHETIC_YEAR + YEARS_PER_PAIR * copy + order),
            "source": SOURCE_ID,
            "note": FIGURE_NOTE.format(indicator=row["indicator"], region=row["region"]),
        }
        for copy in range(copies - 1)
        for row, order in zip(rows, ranks, strict=True)
    ]
    return rows + added


def make_scaled_copy(target: Path, cases: int, source: Path = BUNDLED) -> Path:
    """A copy of `source` with `cases` case studies and figures multiplied alike; returns `target`."""
    if target.resolve() == source.resolve() or BUNDLED.resolve() in target.resolve().parents or target.resolve() == BUNDLED.resolve():
        raise ValueError("synthetic data is never written into data/")
    shutil.copytree(source, target, dirs_exist_ok=True)
    header, sources = read_rows(source / "sources.csv")
    write_rows(target / "sources.csv", header, [*sources, {**dict.fromkeys(header, ""), **SOURCE_ROW}])
    header, rows = read_rows(source / "case_studies.csv")
    write_rows(target / "case_studies.csv", header, synthetic_cases(rows, cases))
    header, figures = read_rows(source / "figures.csv")
    copies = min(max(round(cases / len(rows)), 1), MAX_FIGURE_COPIES)
    write_rows(target / "figures.csv", header, synthetic_figures(figures, copies))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (outside data/)")
    parser.add_argument("--cases", type=int, default=1000, help="number of case studies (default 1000)")
    args = parser.parse_args(argv)
    print(make_scaled_copy(args.out, args.cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
