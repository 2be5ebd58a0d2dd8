"""A hostile copy of the dataset: case studies whose text looks like HTML, markdown, script.

Shared by tests/test_hostile.py (AppTest) and tests/browser/test_hostile_browser.py
(Chromium), so both check the same payloads.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd

from odd17.dataset import BUNDLED_DIR
from odd17.formats import WORD_JOINER

HOSTILE_REGION = "75"
TEXT_COLUMNS = ("title", "summary", "actors", "key_figure", "note")
LONG_WORD = ("Anticonstitutionnellement" * 20)[:500]
# name → text put in every text column of one case study
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "js-link": "[x](javascript:alert(1))",
    "image": "![img](http://example.com/x.png)",
    "markup": "**bold** _it_ # heading",
    "colour": ":red[coloured]",
    "latex": "$x^2$",
    "autolink": "www.example.com <http://example.com> https://example.com/a contact@example.com :material/home: :smile:",
    "entity": "&lt;b&gt; &amp; \\*",
    "long-word": LONG_WORD,
    "emoji": "🤝🏽👩‍👩‍👧",
    "rtl": "شراكة من أجل الابتكار ושותפות לחדשנות",
}
# Any ASCII punctuation preceded by a backslash: what escape_markdown produces.
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(markdown: str) -> str:
    """The text a markdown renderer shows for escaped text (the word joiner is invisible)."""
    return ESCAPED.sub(r"\1", markdown).replace(WORD_JOINER, "")


def case_ids(data: Path) -> dict[str, str]:
    """payload name → id of the case study that carries it."""
    cases = pd.read_csv(data / "case_studies.csv", dtype=str, keep_default_na=False)
    return dict(zip(PAYLOADS, cases["id"].head(len(PAYLOADS)), strict=True))


def make_hostile_copy(target: Path) -> Path:
    """Copy data/ to `target` and put one payload in every text column of the first case studies.

    The CSV stays valid (pandas quotes what needs quoting) and the rows are located
    in HOSTILE_REGION so that Ma région and the workshop show them too.
    """
    shutil.copytree(BUNDLED_DIR, target)
    file = target / "case_studies.csv"
    cases = pd.read_csv(file, dtype=str, keep_default_na=False)
    for index, payload in enumerate(PAYLOADS.values()):
        for column in TEXT_COLUMNS:
            cases.loc[index, column] = payload
        cases.loc[index, "regions"] = HOSTILE_REGION
    cases.to_csv(file, index=False, lineterminator="\n")
    return target
