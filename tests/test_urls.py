"""Links shared by e-mail: unknown, repeated, huge or malicious URL values fall back with a notice.

The pages run in AppTest on the bundled dataset; expected names and counts are read through odd17.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import unescape
from streamlit.testing.v1 import AppTest

from odd17 import case_studies
from odd17.formats import escape_markdown
from odd17.regions import FRANCE, MAX_SHOWN, names
from odd17.state import MAX_QUERY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
UNKNOWN = "n'est pas reconnu"
SEVERAL = "Plusieurs régions demandées"
EXAMPLES = "pages/exemples.py"


def app(page: str | None = None, **params: str | list[str]) -> AppTest:
    """The app opened with these query parameters (then moved to `page`, parameters kept)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at if page is None else at.switch_page(page).run()


def warnings(at: AppTest) -> list[str]:
    return [unescape(w.value) for w in at.warning]


def region_shown(at: AppTest) -> str:
    return at.sidebar.selectbox[0].value


def test_a_path_as_region_falls_back_to_france_with_a_notice() -> None:
    at = app(region="../../etc")
    assert not at.exception
    assert region_shown(at) == FRANCE and at.query_params["region"] == FRANCE
    assert [w for w in warnings(at) if UNKNOWN in w] == [f"Le code de région « ../../etc » {UNKNOWN} : la France entière est affichée."]


def test_a_huge_region_is_refused_and_quoted_short() -> None:
    at = app(region="x" * 10_000)
    assert not at.exception
    assert region_shown(at) == FRANCE and at.query_params["region"] == FRANCE
    (notice,) = [w for w in warnings(at) if UNKNOWN in w]
    assert "x" * MAX_SHOWN + "…" in notice and "x" * (MAX_SHOWN + 1) not in notice


def test_a_repeated_region_keeps_the_first_with_a_notice(ds) -> None:
    at = app("pages/ma_region.py", region=["75", "52"])
    assert not at.exception
    assert region_shown(at) == "75" and at.query_params["region"] == "75"
    assert at.title[0].value == f"Ma région : {escape_markdown(names(ds.regions)['75'])}"
    first = app(region=["75", "52"])
    assert [w for w in warnings(first) if SEVERAL in w] == ["Plusieurs régions demandées : seule la première est affichée."]


@pytest.mark.parametrize(("raw", "code"), [(" 75 ", "75"), ("fr", FRANCE), ("", FRANCE), (["75", "75"], "75")])
def test_harmless_region_variants_need_no_notice(raw, code: str) -> None:
    at = app(region=raw)
    assert not at.exception and not at.warning
    assert region_shown(at) == code


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"profil": "inconnu", "domaine": "../../etc"}, ["« profil » : « inconnu »", "« domaine » : « ../../etc »"]),
        ({"regions": "99", "niveau": "x" * 10_000}, ["« région » : « 99 »", "x" * MAX_SHOWN + "…"]),
        ({"annees": "abc"}, ["Période non comprise"]),
        ({"annees": "1800-1850"}, ["Période hors des années"]),
        ({"categorie": "<script>alert(1)</script>"}, ["« <script>alert(1)</script> »"]),
        ({"annees": ["2010-2012", "2014-2016"]}, ["Plusieurs valeurs pour « période »"]),
    ],
)
def test_unknown_filter_values_show_a_warning_and_the_default_view(ds, params: dict, words: list[str]) -> None:
    at = app(EXAMPLES, **params)
    assert not at.exception
    shown = warnings(at)
    assert all(any(word in w for w in shown) for word in words), shown
    if "annees" in params and isinstance(params["annees"], list):
        return  # the first period is kept: not the default view
    assert unescape(at.markdown[0].value).startswith(f"**{len(ds.case_studies)} exemple(s)** sur {len(ds.case_studies)}")
    assert all(not m.value for m in at.multiselect)
    assert at.slider[0].value == case_studies.year_bounds(ds.case_studies)
    assert not set(params) & set(at.query_params), "refused values are removed from the URL"


def test_a_huge_search_is_cut_with_a_notice() -> None:
    at = app(EXAMPLES, q="é" * 10_000)
    assert not at.exception
    assert at.text_input[0].value == "é" * MAX_QUERY
    assert any("Recherche trop longue" in w for w in warnings(at))
    assert at.query_params["q"] == "é" * MAX_QUERY


def test_an_unknown_example_shows_a_warning_and_the_list(ds) -> None:
    at = app(EXAMPLES, exemple="../../etc/passwd")
    assert not at.exception
    assert warnings(at) == ["L'exemple « ../../etc/passwd » n'existe pas dans ce jeu de données."]
    assert unescape(at.markdown[0].value).startswith(f"**{len(ds.case_studies)} exemple(s)**")


def test_known_filters_in_the_url_apply_without_notice(ds) -> None:
    region = "75"
    at = app(EXAMPLES, regions=region)
    assert not at.exception and not at.warning
    expected = case_studies.in_region(ds.case_studies, region)
    assert unescape(at.markdown[0].value).startswith(f"**{len(expected)} exemple(s)**")


@pytest.mark.parametrize(("raw", "slide"), [("../../etc", 1), ("9" * 10_000, 1), ("0", 1), ("99", None), ("3", 3)])
def test_a_bad_slide_number_falls_back_to_a_slide(raw: str, slide: int | None) -> None:
    at = app(atelier="1", diapo=raw)
    assert not at.exception
    caption = unescape(at.caption[0].value)
    total = int(caption.rsplit("/", 1)[1])
    expected = slide or total
    assert f"diapositive {expected}/{total}" in caption
    assert at.query_params["diapo"] == str(expected)
    assert bool(at.warning) == (raw != "3")


def test_filters_survive_leaving_the_page_and_can_be_cleared(ds) -> None:
    at = app(EXAMPLES)
    at.multiselect(key="f_regions").set_value(["75"]).run()
    at.switch_page("pages/sources.py").run()
    at.switch_page(EXAMPLES).run()  # Streamlit dropped the widgets' state meanwhile
    assert not at.exception
    assert at.multiselect(key="f_regions").value == ["75"]
    at.text_input(key="f_query").set_value("zzz introuvable zzz").run()
    assert unescape(at.markdown[0].value).startswith("**0 exemple(s)**")
    next(b for b in at.button if b.label == "Effacer tous les filtres").click().run()
    assert not at.exception
    assert unescape(at.markdown[0].value).startswith(f"**{len(ds.case_studies)} exemple(s)**")
    assert at.text_input(key="f_query").value == "" and at.multiselect(key="f_regions").value == []
