"""Loading and validating dataset folders, and `python -m odd17 check`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from odd17.dataset import DatasetError, data_dir, load, validate

ROOT = Path(__file__).resolve().parent.parent


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], f"fixture drift: {old!r} not on line {number}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def first_line_of(path: Path, prefix: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(prefix))


def missing_file(d: Path) -> None:
    (d / "figures.csv").unlink()


def empty_file(d: Path) -> None:
    (d / "timeline.csv").write_text("", encoding="utf-8")


def invalid_json(d: Path) -> None:
    (d / "datapackage.json").write_text('{"resources": [\n', encoding="utf-8")


def no_resources(d: Path) -> None:
    (d / "datapackage.json").write_text('{"name": "x"}', encoding="utf-8")


def broken_utf8(d: Path) -> None:
    (d / "regions.csv").write_bytes(b"code,name,short_name,overseas\n11,\xff\xfe,x,false\n")


def truncated_line(d: Path) -> None:
    with (d / "timeline.csv").open("a", encoding="utf-8") as handle:
        handle.write('cut,"2020')


def ragged_line(d: Path) -> None:
    with (d / "diffusion.csv").open("a", encoding="utf-8") as handle:
        handle.write("silvergeek,94\n")


def unknown_source(d: Path) -> None:
    replace_line(d / "figures.csv", 2, "carnet-francais", "carnet-inconnu")


def unknown_region(d: Path) -> None:
    replace_line(d / "figures.csv", 3, "fr_alliances_accelerateur,11", "fr_alliances_accelerateur,99")


def unknown_indicator(d: Path) -> None:
    replace_line(d / "figures.csv", 2, "fr_alliances_accelerateur", "pas_au_catalogue")


def duplicate_figure(d: Path) -> None:
    path = d / "figures.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")


def not_a_number(d: Path) -> None:
    replace_line(d / "figures.csv", 2, ",74,", ",soixante-quatorze,")


def unknown_domain(d: Path) -> None:
    line = first_line_of(d / "case_studies.csv", "afm-telethon,")
    replace_line(d / "case_studies.csv", line, ",sante;", ",astrologie;")


def unsafe_path(d: Path) -> None:
    descriptor = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    (d / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


# (break the copy, the exact problem lines expected; {n} = line computed from the file)
CASES: list[tuple[Callable[[Path], None], list[str]]] = [
    (missing_file, ["figures.csv : fichier absent"]),
    (empty_file, ["timeline.csv : fichier vide"]),
    (invalid_json, ["datapackage.json, ligne 2 : JSON invalide : Expecting value"]),
    (no_resources, ["datapackage.json : la clé « resources » (liste) manque"]),
    (broken_utf8, ["regions.csv, ligne 2 : n'est pas en UTF-8 (octet 33)"]),
    (ragged_line, ["diffusion.csv, ligne 13 : 2 cellule(s) au lieu de 7"]),
    (unknown_source, ["figures.csv, ligne 2, colonne « source » : source inconnue « carnet-inconnu » (absente de sources.csv)"]),
    (unknown_region, ["figures.csv, ligne 3, colonne « region » : code de région inconnu « 99 »"]),
    (unknown_indicator, ["figures.csv, ligne 2, colonne « indicator » : indicateur « pas_au_catalogue » absent du catalogue"]),
    (not_a_number, ['figures.csv, ligne 2, colonne « value » : valeur du mauvais type (type is "number/default")']),
    (unsafe_path, ["datapackage.json : chemin refusé pour « sources » : ../../etc/passwd"]),
]


def test_bundled_dataset_is_valid() -> None:
    assert validate(ROOT / "data") == []


@pytest.mark.parametrize(("breaker", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_validate_names_file_row_and_column(data_copy: Path, breaker, expected: list[str]) -> None:
    breaker(data_copy)
    assert [str(p) for p in validate(data_copy)] == expected


def test_truncated_last_line_is_located(data_copy: Path) -> None:
    lines = len((data_copy / "timeline.csv").read_text(encoding="utf-8").rstrip("\n").split("\n"))
    truncated_line(data_copy)
    assert [str(p) for p in validate(data_copy)] == [f"timeline.csv, ligne {lines + 1} : ligne CSV illisible (unexpected end of data)"]


def test_duplicate_figure_is_reported_on_the_copy(data_copy: Path) -> None:
    lines = len((data_copy / "figures.csv").read_text(encoding="utf-8").rstrip("\n").split("\n"))
    duplicate_figure(data_copy)
    messages = [str(p) for p in validate(data_copy)]
    assert f"figures.csv, ligne {lines + 1} : doublon indicateur/région/année fr_alliances_accelerateur/FR/" in messages


def test_unknown_vocabulary_in_a_case_study(data_copy: Path) -> None:
    line = first_line_of(data_copy / "case_studies.csv", "afm-telethon,")
    unknown_domain(data_copy)
    assert [str(p) for p in validate(data_copy)] == [
        f"case_studies.csv, ligne {line}, colonne « domains » : valeur « astrologie » absente du vocabulaire « domain »"
    ]


def test_missing_folder() -> None:
    assert [str(p) for p in validate(Path("/nonexistent/odd17"))] == ["/nonexistent/odd17 : le dossier de données n'existe pas"]


def test_load_raises_with_every_problem(data_copy: Path) -> None:
    unknown_source(data_copy)
    unknown_region(data_copy)
    with pytest.raises(DatasetError) as raised:
        load(data_copy)
    assert [p.column for p in raised.value.problems] == ["source", "region"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, ROOT / "data"), ({"ODD17_DATA_DIR": ""}, ROOT / "data"), ({"ODD17_DATA_DIR": "/srv/donnees"}, Path("/srv/donnees"))],
)
def test_data_dir_reads_the_environment(environ: dict, expected: Path) -> None:
    assert data_dir(environ) == expected


@pytest.mark.parametrize(
    ("table", "column", "dtype"),
    [
        ("figures", "value", "Float64"),
        ("figures", "year", "Int64"),
        ("case_studies", "year_start", "Int64"),
        ("regions", "overseas", "bool"),
    ],
)
def test_load_types_columns(ds, table: str, column: str, dtype: str) -> None:
    assert str(getattr(ds, table)[column].dtype) == dtype


def test_chart_only_values_stay_missing(ds) -> None:
    """Regional Q7 percentages exist only as a chart in the carnet: NA, never 0."""
    rows = ds.figures[(ds.figures["indicator"] == "fr_alliances_accelerateur") & (ds.figures["region"] != "FR")]
    assert len(rows) == 12 and rows["value"].isna().all()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "odd17", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_valid_folder_exits_0() -> None:
    result = run_cli("check", "data")
    assert (result.returncode, result.stdout.strip()) == (0, "data : jeu de données valide")


@pytest.mark.parametrize("breaker", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_cli_invalid_folder_exits_1_with_one_line_per_problem(data_copy: Path, breaker) -> None:
    breaker(data_copy)
    result = run_cli("check", str(data_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [str(p) for p in validate(data_copy)]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [(), ("check", "a", "b"), ("verifier",), ("check", "--inconnu")])
def test_cli_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_every_source_outside_the_carnet_has_a_web_link(ds) -> None:
    """The carnet is cited by section; every other source row must give the page it comes from."""
    from odd17.sources import is_main, safe_url

    others = ds.sources[~is_main(ds.sources)]
    assert others.loc[others["url"].map(safe_url) == "", "id"].tolist() == []
