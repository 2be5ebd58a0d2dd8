"""The live debate's slides in the deck: join, then per question the study, the question, the results."""

from __future__ import annotations

import pytest

from odd17.debate import deck


@pytest.mark.parametrize(
    ("region", "study_kinds"),
    [
        ("52", ["region", "figures"]),  # Q7: the region's row beside France; the open question: no figure
        ("FR", ["figures", "figures"]),
    ],
)
def test_debate_slides_join_then_study_question_results(ds, region: str, study_kinds: list[str]) -> None:
    from odd17.debate.questions import by_id

    asked = [by_id(ds)["q7_accelerateur"], by_id(ds)["alliance_proche"]]
    story = deck.debate_slides(ds, region, "K7M4QA", asked)
    assert [s.kind for s in story] == [
        deck.DEBATE_JOIN,
        study_kinds[0],
        deck.DEBATE_QUESTION,
        deck.DEBATE_RESULTS,
        study_kinds[1],
        deck.DEBATE_QUESTION,
        deck.DEBATE_RESULTS,
    ]
    assert story[0].rows.to_dict("records") == [{"code": "K7M4QA"}]
    assert story[3].rows.to_dict("records") == [{"code": "K7M4QA", "question": "q7_accelerateur"}]
    assert "74" in " ".join(str(v) for v in story[1].rows.get("france_display", story[1].rows.get("display", [])))
    assert story[4].message == deck.NO_STUDY_FIGURE and story[4].rows.empty
