"""odd17.debate.questions, read from the bundled data, and the dataset rules of debate_questions.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odd17.dataset import validate
from odd17.debate.errors import Refused
from odd17.debate.questions import Question, by_id, questions, resolve

AGREE = ("Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord")


def test_the_bundled_questions_in_their_order(debate_ds) -> None:
    assert [(q.id, q.kind) for q in questions(debate_ds)] == [
        ("q7_accelerateur", "choice"),
        ("mouvement_suffisant", "choice"),
        ("elus_confiance", "choice"),
        ("elus_innovation_echelle", "choice"),
        ("quatrieme_ere", "choice"),
        ("alliance_proche", "open"),
        ("organisation_cooperation", "open"),
    ]


def test_q7_is_the_study_wording_with_its_four_answers(debate_ds) -> None:
    q7 = by_id(debate_ds)["q7_accelerateur"]
    asked = debate_ds.indicators.set_index("id").at["fr_alliances_accelerateur", "question"]
    assert f"Q7 : {q7.wording}" == asked  # the room is asked the study's own words
    assert (q7.options, q7.counted, q7.share_label) == (AGREE, AGREE[:2], "d'accord")
    assert (q7.indicator, q7.base_indicator, q7.source) == ("fr_alliances_accelerateur", "fr_q7_base", "carnet-francais")


def test_no_question_is_compared_while_the_carnet_publishes_no_answer_scale(debate_ds) -> None:
    assert [q.id for q in questions(debate_ds) if q.comparable] == []
    assert all("pas de comparaison" in q.note for q in questions(debate_ds) if q.indicator)


def test_every_question_is_consistent(debate_ds) -> None:
    for q in questions(debate_ds):
        assert isinstance(q, Question)
        assert set(q.counted) <= set(q.options), q.id
        assert (len(q.options) >= 2) if q.kind == "choice" else (q.options == () and q.counted == ()), q.id
        assert q.wording and q.label and q.source, q.id


def test_the_open_questions_include_the_nearby_alliance(debate_ds) -> None:
    assert by_id(debate_ds)["alliance_proche"].wording == "Quelle alliance connaissez-vous près de chez vous ?"


def edit(folder: Path, question_id: str, **values: str) -> None:
    path = folder / "debate_questions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == question_id:
            row.update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# Line 2 is q7_accelerateur, line 7 alliance_proche (the header is line 1).
@pytest.mark.parametrize(
    ("question_id", "values", "problem"),
    [
        (
            "q7_accelerateur",
            {"counted": "Tout à fait d'accord|D'accord"},
            "debate_questions.csv, ligne 2, colonne « counted » : réponse comptée « D'accord » absente des réponses proposées",
        ),
        (
            "q7_accelerateur",
            {"indicator": "fr_inconnu"},
            "debate_questions.csv, ligne 2, colonne « indicator » : indicateur « fr_inconnu » absent du catalogue",
        ),
        (
            "q7_accelerateur",
            {"base_indicator": "fr_nulle_part"},
            "debate_questions.csv, ligne 2, colonne « base_indicator » : indicateur « fr_nulle_part » absent du catalogue",
        ),
        (
            "q7_accelerateur",
            {"source": "carnet-perdu"},
            "debate_questions.csv, ligne 2, colonne « source » : source inconnue « carnet-perdu » (absente de sources.csv)",
        ),
        (
            "q7_accelerateur",
            {"options": "Oui"},
            "debate_questions.csv, ligne 2, colonne « options » : une question à choix propose au moins deux réponses",
        ),
        (
            "q7_accelerateur",
            {"options": "Oui|Oui|Non", "counted": "Oui"},
            "debate_questions.csv, ligne 2, colonne « options » : réponse proposée en double",
        ),
        (
            "q7_accelerateur",
            {"share_label": ""},
            "debate_questions.csv, ligne 2, colonne « share_label » : dites ce que compte le pourcentage (ex. « d'accord »)",
        ),
        (
            "alliance_proche",
            {"options": "A|B"},
            "debate_questions.csv, ligne 7, colonne « options » : une question ouverte ne propose pas de réponses",
        ),
        (
            "alliance_proche",
            {"comparable": "true"},
            "debate_questions.csv, ligne 7, colonne « comparable » : une question comparable nomme son indicateur et ses réponses comptées",
        ),
    ],
)
def test_check_reports_a_bad_question_by_file_line_and_column(
    data_copy: Path, question_id: str, values: dict[str, str], problem: str
) -> None:
    edit(data_copy, question_id, **values)
    assert problem in [str(p) for p in validate(data_copy)]


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"kind": "vote"}, "colonne « kind »"),
        ({"comparable": "peut-être"}, "colonne « comparable »"),
        ({"order": "premier"}, "colonne « order »"),
    ],
)
def test_the_table_schema_catches_bad_types(data_copy: Path, values: dict[str, str], fragment: str) -> None:
    edit(data_copy, "q7_accelerateur", **values)
    assert any(str(p).startswith("debate_questions.csv, ligne 2, " + fragment) for p in validate(data_copy))


@pytest.mark.parametrize(
    ("region", "ids", "message"),
    [
        ("99", ["q7_accelerateur"], "Région inconnue « 99 » : donnez un code INSEE de région ou FR."),
        ("FR", ["q99", "q7_accelerateur", "zz"], "Question inconnue : « q99 », « zz »."),
        ("FR", [], "Choisissez au moins une question."),
    ],
)
def test_resolve_refuses_an_unknown_region_or_question_in_french(debate_ds, region: str, ids: list[str], message: str) -> None:
    with pytest.raises(Refused) as refused:
        resolve(debate_ds, region, ids)
    assert str(refused.value) == message


def test_resolve_keeps_the_order_and_drops_repeats(debate_ds) -> None:
    chosen = resolve(debate_ds, "76", ["alliance_proche", "q7_accelerateur", "alliance_proche"])
    assert [q.id for q in chosen] == ["alliance_proche", "q7_accelerateur"]
