"""The room's answers in words and as a chart: a French count, one bar per option.

Pure: a Tally in (odd17.debate.rules), text or an Altair chart out; the chart is
tested through its to_dict() like the study's charts (odd17.charts).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from odd17.debate import rules

ROOM_COLOR = "#1f4e79"  # the study's bar colour: 8.9:1 on white
TEXT_COLOR = "#000000"
FONT_SIZE = 32  # read from the back of a room at 1920×1080
LABEL_LIMIT = 900
LABEL_ROOM = 135  # the x scale goes past 100 % so that « 100 % (23) » fits right of a full bar


def count_label(count: int) -> str:
    """« Aucune réponse », « 1 réponse », « 23 réponses », « 1 204 réponses »."""
    return "Aucune réponse" if count <= 0 else rules.answers_label(count)


def percent(part: int, total: int) -> str:
    return rules.percent(100 * part / total if total else 0)


def tally_frame(counts: dict[str, int]) -> pd.DataFrame:
    """One row per option, in the question's order, zeros kept: option, count, share, display."""
    total = sum(counts.values())
    rows = [
        {"option": option, "count": count, "share": 100 * count / total if total else 0.0, "display": f"{percent(count, total)} ({count})"}
        for option, count in counts.items()
    ]
    return pd.DataFrame(rows, columns=["option", "count", "share", "display"])


def room_chart(counts: dict[str, int], title: str) -> alt.Chart:
    """Horizontal bars of the room's shares, labelled « 52 % (12) », options in the question's order."""
    data = tally_frame(counts)
    total = int(data["count"].sum())
    base = alt.Chart(data, title=alt.TitleParams(title, fontSize=FONT_SIZE, color=TEXT_COLOR, anchor="start")).encode(
        y=alt.Y(
            "option:N",
            sort=None,
            title=None,
            axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=FONT_SIZE, labelColor=TEXT_COLOR, ticks=False, domain=False),
        ),
        x=alt.X("share:Q", scale=alt.Scale(domain=[0, LABEL_ROOM]), title=None, axis=None),
        tooltip=[alt.Tooltip("option:N", title="Réponse"), alt.Tooltip("display:N", title="Part (nombre)")],
    )
    bars = base.mark_bar(color=ROOM_COLOR, height={"band": 0.75})
    labels = base.mark_text(align="left", dx=10, fontSize=FONT_SIZE, fontWeight="bold", color=TEXT_COLOR).encode(text="display:N")
    description = f"La salle, {count_label(total).lower()} : " + " ; ".join(
        f"{o} {d}" for o, d in zip(data["option"], data["display"], strict=True)
    )
    return (bars + labels).properties(description=description, width="container", height=alt.Step(96))
