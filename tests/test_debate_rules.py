"""odd17.debate.rules: join codes, secrets, device keys, shares and the French comparison lines."""

from __future__ import annotations

import dataclasses

import pytest

from odd17.debate import rules
from odd17.debate.questions import by_id
from odd17.debate.rules import Tally

NBSP = "\u00a0"
AGREE = ("Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ACD349", "ACD349"),
        ("acd349", "ACD349"),
        (" acd-349 ", "ACD349"),
        ("ACD 349", "ACD349"),
        ("acd\u2011349", "ACD349"),  # non-breaking hyphen from a phone keyboard
        ("ACD.349", "ACD349"),
        ("ACD34", None),  # too short
        ("ACD3499", None),  # too long
        ("ACD340", None),  # 0 is not in the alphabet
        ("OCD349", None),  # O neither
        ("ACD3I9", None),  # nor I
        ("ÀCD349", None),
        ("", None),
        (None, None),
        (123456, None),
    ],
)
def test_normalise_code(typed: object, expected: str | None) -> None:
    assert rules.normalise_code(typed) == expected


def test_new_codes_use_the_unambiguous_alphabet_and_normalise_to_themselves() -> None:
    codes = {rules.new_code() for _ in range(500)}
    assert len(codes) > 490  # random, not a counter
    assert all(len(c) == rules.CODE_LENGTH and set(c) <= set(rules.CODE_ALPHABET) and rules.normalise_code(c) == c for c in codes)
    assert not set(rules.CODE_ALPHABET) & set("0O1IL2Z5S8B")


SECRET = "s3cr3t-key"


@pytest.mark.parametrize(
    ("given", "matches"),
    [(SECRET, True), ("s3cr3t-kez", False), (SECRET + " ", False), ("", False), (None, False), (rules.secret_hash(SECRET), False)],
)
def test_secret_matches(given: str | None, matches: bool) -> None:
    assert rules.secret_matches(given, rules.secret_hash(SECRET)) is matches


def test_an_empty_secret_never_matches_even_the_hash_of_an_empty_secret() -> None:
    assert rules.secret_matches("", rules.secret_hash("")) is False


def test_secrets_and_tokens_are_long_random_and_url_safe() -> None:
    secrets_ = {rules.new_secret() for _ in range(50)} | {rules.new_device_token() for _ in range(50)}
    assert len(secrets_) == 100
    assert all(len(s) >= 32 and s.replace("-", "").replace("_", "").isalnum() for s in secrets_)


@pytest.mark.parametrize(
    ("token", "key"),
    [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ],
)
def test_device_key_is_the_sha256_of_the_token(token: str, key: str) -> None:
    assert rules.device_key(token) == key


@pytest.mark.parametrize(
    ("counts", "counted", "share"),
    [
        ({"A": 3, "B": 1}, ("A",), 75.0),
        ({"A": 3, "B": 1}, ("A", "B"), 100.0),
        ({"A": 0, "B": 4}, ("A",), 0.0),
        ({"A": 0, "B": 0}, ("A",), None),  # no answer: no share, not 0 %
        ({"A": 2, "B": 2}, (), None),  # nothing counted
    ],
)
def test_agreeing_share(counts: dict[str, int], counted: tuple[str, ...], share: float | None) -> None:
    assert rules.agreeing_share(Tally("q", counts, sum(counts.values())), counted) == share


@pytest.mark.parametrize(
    ("environ", "days"),
    [
        ({}, 90),
        ({"ODD17_DEBATE_RETENTION_DAYS": ""}, 90),
        ({"ODD17_DEBATE_RETENTION_DAYS": "30"}, 30),
        ({"ODD17_DEBATE_RETENTION_DAYS": " 7 "}, 7),
    ],
)
def test_retention_days(environ: dict[str, str], days: int) -> None:
    assert rules.retention_days(environ) == days


@pytest.mark.parametrize("value", ["0", "-3", "trois", "1.5"])
def test_a_bad_retention_is_refused_in_french(value: str) -> None:
    with pytest.raises(
        ValueError, match=f"ODD17_DEBATE_RETENTION_DAYS doit être un nombre entier de jours supérieur ou égal à 1 \\(reçu « {value} »\\)"
    ):
        rules.retention_days({"ODD17_DEBATE_RETENTION_DAYS": value})


def q7_tally(agree: int, disagree: int) -> Tally:
    counts = dict.fromkeys(AGREE, 0) | {AGREE[0]: agree // 2, AGREE[1]: agree - agree // 2, AGREE[3]: disagree}
    return Tally("q7_accelerateur", counts, agree + disagree)


@pytest.fixture(scope="module")
def q7_comparable(debate_ds):
    """Q7 as it would read if a source published its scale: the code path of a comparable question."""
    return dataclasses.replace(by_id(debate_ds)["q7_accelerateur"], comparable=True)


ROOM_61 = f"La salle{NBSP}: 61{NBSP}% d'accord (23 réponses, non représentatif)"
FRANCE_74 = f"France{NBSP}: 74{NBSP}% (IMPACT-Citoyens, base 50,2{NBSP}millions)"


@pytest.mark.parametrize(
    ("region", "lines"),
    [
        ("FR", (ROOM_61, FRANCE_74)),
        ("53", (ROOM_61, FRANCE_74, f"Bretagne{NBSP}: non publié")),  # a chart-only regional value
        ("94", (ROOM_61, FRANCE_74, f"Corse{NBSP}: non publié")),  # no row at all
    ],
)
def test_a_comparable_question_sets_the_room_beside_france_and_the_region(
    debate_ds, q7_comparable, region: str, lines: tuple[str, ...]
) -> None:
    comparison = rules.comparison_lines(q7_comparable, q7_tally(14, 9), debate_ds, region)
    assert comparison == rules.Comparison(lines, True)


@pytest.mark.parametrize(
    ("agree", "disagree", "room"),
    [
        (0, 0, f"La salle{NBSP}: aucune réponse pour l'instant"),
        (1, 0, f"La salle{NBSP}: 100{NBSP}% d'accord (1 réponse, non représentatif)"),
        (0, 2, f"La salle{NBSP}: 0{NBSP}% d'accord (2 réponses, non représentatif)"),
        (1000, 234, f"La salle{NBSP}: 81{NBSP}% d'accord (1\u202f234 réponses, non représentatif)"),
    ],
)
def test_room_line(q7_comparable, agree: int, disagree: int, room: str) -> None:
    assert rules.room_line(q7_comparable, q7_tally(agree, disagree)) == room


NO_SCALE = f"Pas de comparaison{NBSP}: le carnet ne publie pas cette question avec le même libellé et la même échelle de réponses."


@pytest.mark.parametrize(
    ("question_id", "tally", "lines"),
    [
        ("q7_accelerateur", q7_tally(14, 9), (ROOM_61, NO_SCALE)),  # the bundled Q7: the carnet gives no scale
        (
            "elus_confiance",
            Tally("elus_confiance", {"Un impact fort": 3, "Aucun impact": 1}, 4),
            (f"La salle{NBSP}: 4 réponses (non représentatif)", NO_SCALE),
        ),
        (
            "quatrieme_ere",
            Tally("quatrieme_ere", {"Oui": 2, "Non": 2, "Je ne sais pas": 0}, 4),
            (
                f"La salle{NBSP}: 50{NBSP}% oui (4 réponses, non représentatif)",
                f"Pas de comparaison{NBSP}: l'étude ne publie pas de chiffre pour cette question.",
            ),
        ),
        (
            "alliance_proche",
            Tally("alliance_proche", {}, 5),
            (f"La salle{NBSP}: 5 réponses (non représentatif)", f"Question ouverte{NBSP}: pas de chiffre de l'étude à comparer."),
        ),
    ],
)
def test_questions_that_cannot_be_compared_say_why_and_show_no_study_figure(
    debate_ds, question_id: str, tally: Tally, lines: tuple[str, ...]
) -> None:
    comparison = rules.comparison_lines(by_id(debate_ds)[question_id], tally, debate_ds, "53")
    assert comparison == rules.Comparison(lines, False)
    assert not any("74" in line or "France" in line for line in comparison.lines)
