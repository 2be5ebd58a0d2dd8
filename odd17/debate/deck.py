"""The live debate's slides in the Mode atelier's deck: pure, Slide specs out (drawn by odd17.ui.debate_slides)."""

from __future__ import annotations

import pandas as pd

from odd17 import indicators
from odd17.regions import FRANCE
from odd17.workshop import Slide, source_line

DEBATE_JOIN = "debate-join"
DEBATE_QUESTION = "debate-question"
DEBATE_RESULTS = "debate-results"
NO_STUDY_FIGURE = "L'étude ne publie pas de chiffre pour cette question : la salle répond, sans comparaison."


def study_slide(ds, question, code: str) -> Slide:
    """What the study says on the question: France's figure (and the region's) as the study slides show them."""
    title = f"L'étude · {question.label}"
    if not question.indicator:
        return Slide("figures", title, message=NO_STUDY_FIGURE, note=question.note)
    if code != FRANCE:
        rows = indicators.region_profile(ds, code)
        rows = rows[rows["indicator"] == question.indicator].reset_index(drop=True)
        if not rows.empty:
            return Slide("region", title, rows, source=source_line(rows, ds.sources))
    table = indicators.figures(ds)
    rows = indicators.latest(table[(table["region"] == FRANCE) & (table["indicator"] == question.indicator)]).reset_index(drop=True)
    if rows.empty:
        return Slide("figures", title, message=NO_STUDY_FIGURE, note=question.note)
    return Slide("figures", title, rows, source=source_line(rows, ds.sources))


def debate_slides(ds, code: str, debate_code: str, questions: list) -> list[Slide]:
    """The join slide, then per question: study slide → question slide → results slide."""
    story = [Slide(DEBATE_JOIN, "Rejoignez le débat", pd.DataFrame([{"code": debate_code}]))]
    for question in questions:
        row = pd.DataFrame([{"code": debate_code, "question": question.id}])
        story += [
            study_slide(ds, question, code),
            Slide(DEBATE_QUESTION, question.label, row),
            Slide(DEBATE_RESULTS, f"Résultats · {question.label}", row),
        ]
    return story
