"""French formatting and inert text."""

import math

import pandas as pd
import pytest

from odd17.formats import escape_markdown, fr_value, fr_year, is_missing, no_break

NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (74, "%", "", f"74{NB}%"),
        (50.2, "millions de personnes", "", f"50,2{NB}millions"),
        (342144, "établissements", "", f"342{NNB}144"),
        (85933166, "€", "", f"85{NNB}933{NNB}166{NB}€"),
        (1.4, "Md€", "", f"1,4{NB}Md€"),
        (1000, "exemples", "plus de", f"plus de{NB}1{NNB}000"),
        (6.0, "note sur 10", "", f"6{NB}/10"),
        (6.4, "note sur 10", "", f"6,4{NB}/10"),
        (2018, "année", "", "2018"),
        (None, "%", "", "non publié"),
        (math.nan, "%", "", "non publié"),
        (pd.NA, "%", "plus de", "non publié"),
    ],
)
def test_fr_value(value, unit: str, qualifier: str, expected: str) -> None:
    assert fr_value(value, unit, qualifier) == expected


@pytest.mark.parametrize(("year", "expected"), [(2015, "2015"), (pd.NA, "année non précisée"), (None, "année non précisée")])
def test_fr_year(year, expected: str) -> None:
    assert fr_year(year) == expected


@pytest.mark.parametrize(("value", "expected"), [(None, True), (math.nan, True), (pd.NA, True), ("", True), (0, False), ("0", False)])
def test_is_missing(value, expected: bool) -> None:
    assert is_missing(value) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Téléthon", "Téléthon"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
        ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
        ("![i](http://a/b.png)", "\\!\\[i\\]\\(http\u2060\\:\\/\\/a\\/b\\.png\\)"),
        ("www.odd17.org", "www\u2060\\.odd17\\.org"),  # a word joiner stops GFM's bare-URL links
        ("HTTPS://a.fr", "HTTPS\u2060\\:\\/\\/a\\.fr"),
        ("contact@odd17.org", "contact\u2060\\@odd17\\.org"),
        ("**gras** _it_ # titre", r"\*\*gras\*\* \_it\_ \# titre"),
        (":red[rouge] $x^2$", r"\:red\[rouge\] \$x\^2\$"),
        ("74 % · « ODD 17 »", r"74 \% · « ODD 17 »"),
        (None, ""),
    ],
)
def test_escape_markdown(text, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Population : 3 habitants", f"Population{NB}: 3 habitants"),
        ("« Jouer collectif »", f"«{NB}Jouer collectif{NB}»"),
        ("84 % ; 83 % !", f"84{NB}%{NB}; 83{NB}%{NB}!"),
        ("déjà\u00a0: rien", "déjà\u00a0: rien"),
        ("https://exemple.fr/a:b", "https://exemple.fr/a:b"),
    ],
)
def test_no_break(text: str, expected: str) -> None:
    assert no_break(text) == expected
