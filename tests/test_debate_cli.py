"""`python -m odd17 debat ...`: create, export, delete, purge; exit codes and French messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from odd17.__main__ import main
from odd17.debate.store import Store

ROOT = Path(__file__).resolve().parent.parent
DOWN_URL = "postgresql+psycopg://odd17:x@127.0.0.1:9/odd17"  # port 9: nothing listens


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ODD17_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("ODD17_DATABASE_URL", raising=False)
    monkeypatch.delenv("ODD17_DEBATE_RETENTION_DAYS", raising=False)
    return tmp_path / "state"


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def create(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "debat", "creer", *argv)
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    return json.loads(out)


def test_creer_prints_one_json_line_with_the_links(capsys, state: Path) -> None:
    links = create(capsys, "--region", "53", "--titre", "Atelier de Rennes", "--questions", "quatrieme_ere,alliance_proche")
    assert list(links) == ["code", "participer", "animer"]
    assert links["participer"] == f"/participer?code={links['code']}"
    animer = urlsplit(links["animer"])
    query = parse_qs(animer.query)
    assert (animer.path, query["code"], len(query["cle"][0]) >= 40) == ("/animer", [links["code"]], True)
    store = Store()
    debate = store.get(links["code"])
    assert (debate.title, debate.region, debate.question_ids, debate.open_question) == (
        "Atelier de Rennes",
        "53",
        ("quatrieme_ere", "alliance_proche"),
        "quatrieme_ere",
    )
    assert store.check_secret(links["code"], query["cle"][0])
    assert (state / "debat.sqlite").is_file()


def test_creer_defaults_to_france_and_every_question(capsys, debate_ds) -> None:
    debate = Store().get(create(capsys)["code"])
    assert (debate.region, len(debate.question_ids), debate.open_question) == ("FR", len(debate_ds.debate_questions), "q7_accelerateur")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--region", "99"), "erreur d'utilisation : région inconnue « 99 » (codes : FR, 11,"),
        (
            ("--questions", "q7_accelerateur,zz"),
            "erreur d'utilisation : question inconnue : « zz » (questions disponibles : q7_accelerateur,",
        ),
        (("--questions", " , "), "erreur d'utilisation : question inconnue"),
        (("--couleur", "rouge"), "erreur d'utilisation : arguments non reconnus: --couleur rouge"),
    ],
)
def test_creer_usage_errors_exit_2_in_french(capsys, state: Path, argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, "debat", "creer", *argv)
    assert (code, out) == (2, "")
    assert message in err
    assert not (state / "debat.sqlite").exists()


def test_export_prints_the_answers_as_csv(capsys) -> None:
    links = create(capsys, "--questions", "q7_accelerateur")
    Store().answer(links["code"], "q7_accelerateur", "a-device-token-never-exported", choice="Plutôt d'accord")
    code, out, err = run(capsys, "debat", "export", links["code"].lower())
    lines = out.split("\n")
    assert (code, err, lines[0], lines[1][:33]) == (
        0,
        "",
        "\ufeffquestion;reponse;participant;horodatage;masquee\r",
        "q7_accelerateur;Plutôt d'accord;1",
    )
    assert "a-device-token" not in out


@pytest.mark.parametrize("action", ["export", "supprimer"])
@pytest.mark.parametrize("typed", ["AAAAAA", "pas-un-code"])
def test_an_unknown_code_exits_1_with_a_french_message(capsys, action: str, typed: str) -> None:
    create(capsys)  # the database exists; the code does not
    assert run(capsys, "debat", action, typed) == (1, "", f"Aucun débat ne porte le code « {typed} ».\n")


def test_supprimer_deletes_the_debate(capsys) -> None:
    links = create(capsys)
    assert run(capsys, "debat", "supprimer", links["code"]) == (0, f"Débat {links['code']} supprimé avec toutes ses réponses.\n", "")
    assert run(capsys, "debat", "export", links["code"])[0] == 1


def test_purger_deletes_only_the_old_debates(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = create(capsys)["code"]
    assert run(capsys, "debat", "purger") == (0, "Débats supprimés : 0 (plus anciens que 90 jours).\n", "")
    monkeypatch.setenv("ODD17_DEBATE_RETENTION_DAYS", "1")
    Store().purge(now=datetime.now(UTC) + timedelta(hours=1))  # still younger than a day
    assert Store().get(fresh)
    monkeypatch.setattr("odd17.debate.store.now_utc", lambda: datetime.now(UTC) + timedelta(days=2))
    assert run(capsys, "debat", "purger") == (0, "Débats supprimés : 1 (plus anciens que 1 jour).\n", "")


def test_a_bad_retention_setting_is_a_usage_error(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODD17_DEBATE_RETENTION_DAYS", "jamais")
    code, out, err = run(capsys, "debat", "purger")
    assert (code, out) == (2, "") and "ODD17_DEBATE_RETENTION_DAYS doit être un nombre entier" in err


@pytest.mark.parametrize("argv", [("debat",), ("debat", "effacer"), ("debat", "export"), ("debat", "supprimer", "A", "B")])
def test_malformed_commands_exit_2(capsys, argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and "erreur d'utilisation" in err


@pytest.mark.parametrize("argv", [("creer",), ("export", "ACD349"), ("supprimer", "ACD349"), ("purger",)])
def test_a_database_that_is_down_gives_a_french_sentence_and_no_traceback(tmp_path: Path, argv: tuple[str, ...]) -> None:
    env = os.environ | {"ODD17_DATABASE_URL": DOWN_URL, "ODD17_STATE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "odd17", "debat", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("Le débat est momentanément indisponible : la base de données ne répond pas.")
    assert "Traceback" not in done.stderr
