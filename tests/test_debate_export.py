"""odd17.debate.export: the spreadsheet CSV and the Frictionless package of a debate."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from frictionless import Package

from odd17.debate.export import csv_bytes, french_date, package_zip
from odd17.debate.questions import by_id
from odd17.debate.store import Debate

WHEN = datetime(2026, 5, 20, 12, 30, 5, tzinfo=UTC)  # 14:30:05 in Paris (summer time)
DEBATE = Debate(
    "ACD349",
    "Atelier « Rennes » ; 2026",
    "53",
    datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
    ("q7_accelerateur", "alliance_proche"),
    None,
    frozenset(),
    frozenset(),
)
ROWS = [
    {"question": "q7_accelerateur", "reponse": "Plutôt d'accord", "participant": 1, "horodatage": WHEN},
    {"question": "q7_accelerateur", "reponse": "Tout à fait d'accord", "participant": 2, "horodatage": WHEN},
    {"question": "alliance_proche", "reponse": '=HYPERLINK("http://x";"y")', "participant": 2, "horodatage": WHEN, "masquee": True},
    {"question": "alliance_proche", "reponse": "La recyclerie; « quartier »\nNord", "participant": 3, "horodatage": WHEN, "masquee": False},
]


def test_csv_bytes() -> None:
    assert csv_bytes(ROWS) == (
        "\ufeffquestion;reponse;participant;horodatage;masquee\r\n"
        "q7_accelerateur;Plutôt d'accord;1;20/05/2026 14:30:05;\r\n"
        "q7_accelerateur;Tout à fait d'accord;2;20/05/2026 14:30:05;\r\n"
        'alliance_proche;"\'=HYPERLINK(""http://x"";""y"")";2;20/05/2026 14:30:05;oui\r\n'
        'alliance_proche;"La recyclerie; « quartier »\nNord";3;20/05/2026 14:30:05;non\r\n'
    ).encode("utf-8")


def test_an_empty_debate_exports_its_header() -> None:
    assert csv_bytes([]) == "\ufeffquestion;reponse;participant;horodatage;masquee\r\n".encode()


@pytest.mark.parametrize(
    ("moment", "text"),
    [(datetime(2026, 12, 1, 23, 30, tzinfo=UTC), "2 décembre 2026"), (datetime(2022, 5, 20, 8, 0, tzinfo=UTC), "20 mai 2022")],
)
def test_french_date_in_the_rooms_time_zone(moment: datetime, text: str) -> None:
    assert french_date(moment) == text


@pytest.fixture
def package(tmp_path: Path, debate_ds) -> Path:
    questions = [by_id(debate_ds)[q] for q in DEBATE.question_ids]
    with zipfile.ZipFile(io.BytesIO(package_zip(DEBATE, ROWS, questions, "Bretagne"))) as archive:
        assert sorted(archive.namelist()) == ["datapackage.json", "questions.csv", "reponses.csv"]
        archive.extractall(tmp_path)
    return tmp_path


def test_the_package_validates_with_frictionless(package: Path) -> None:
    report = Package(str(package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_package_names_the_debate_as_its_source(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    title = "Débat « Atelier « Rennes » ; 2026 », Bretagne, 1er mai 2026 : 3 participants, non représentatif"
    assert descriptor["sources"] == [{"title": title}] and descriptor["title"] == title
    assert descriptor["name"] == "odd17-debat-acd349"


def test_the_package_keeps_the_text_raw_and_the_times_in_utc(package: Path) -> None:
    rows = Package(str(package / "datapackage.json")).get_resource("reponses").read_rows()
    assert [(r["question"], r["reponse"], r["participant"], r["masquee"]) for r in rows] == [
        ("q7_accelerateur", "Plutôt d'accord", 1, None),
        ("q7_accelerateur", "Tout à fait d'accord", 2, None),
        ("alliance_proche", '=HYPERLINK("http://x";"y")', 2, True),
        ("alliance_proche", "La recyclerie; « quartier »\nNord", 3, False),
    ]
    assert (package / "reponses.csv").read_text(encoding="utf-8").count("2026-05-20T12:30:05Z") == 4
