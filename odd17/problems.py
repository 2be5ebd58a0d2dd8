"""A problem found in a dataset folder: what the checks (odd17.rules) report and the loader (odd17.dataset) raises.

Its own module so that both import it without importing each other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a dataset folder, located as precisely as possible."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", ligne {self.row}"
        if self.column:
            where += f", colonne « {self.column} »"
        # One line per problem, even when a quoted value carries newlines.
        return " ".join(f"{where} : {self.message}".split())
