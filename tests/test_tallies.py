"""The room's count in French and its chart, tested through the spec (to_dict)."""

import pytest

from odd17.debate import tallies

NB = "\u00a0"
NNB = "\u202f"
Q7 = ["Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord"]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "Aucune réponse"), (1, "1 réponse"), (2, "2 réponses"), (23, "23 réponses"), (1204, f"1{NNB}204 réponses")],
)
def test_count_label(count: int, expected: str) -> None:
    assert tallies.count_label(count) == expected


@pytest.mark.parametrize(
    ("counts", "displays"),
    [
        (dict(zip(Q7, [3, 9, 0, 0], strict=True)), [f"25{NB}% (3)", f"75{NB}% (9)", f"0{NB}% (0)", f"0{NB}% (0)"]),
        (dict(zip(Q7, [0, 0, 0, 0], strict=True)), [f"0{NB}% (0)"] * 4),
        ({"Oui": 2, "Non": 1}, [f"67{NB}% (2)", f"33{NB}% (1)"]),
    ],
)
def test_tally_frame_keeps_every_option_in_order(counts: dict, displays: list[str]) -> None:
    frame = tallies.tally_frame(counts)
    assert frame["option"].tolist() == list(counts)
    assert frame["display"].tolist() == displays


def test_room_chart_spec() -> None:
    counts = dict(zip(Q7, [5, 9, 6, 3], strict=True))
    spec = tallies.room_chart(counts, "La salle").to_dict()
    bars, labels = spec["layer"]
    assert (bars["mark"]["type"], labels["mark"]["type"]) == ("bar", "text")
    data = spec["datasets"][spec["data"]["name"]]
    assert [(d["option"], d["count"]) for d in data] == list(counts.items())
    assert bars["encoding"]["y"]["sort"] is None  # the question's order, not alphabetical
    assert bars["encoding"]["x"]["scale"]["domain"][0] == 0
    assert spec["description"].startswith("La salle, 23 réponses")
    assert labels["mark"]["fontSize"] >= 28  # read from the back of a room
