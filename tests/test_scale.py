"""The app at the Observatoire's scale, on synthetic copies of data/ (tests/scaled.py): same cases, bounded pages.

On 1,000 case studies the examples page's paging, filters, search and URL give the
cases the domain function `filter_cases` gives; on 3,000 no page sends more than
MAX_ELEMENTS elements (Streamlit drops a browser tab whose send queue passes 500
messages). Durations are measured by scripts/benchmark.py, never here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from apppages import APP, PAGE_FILES, TIMEOUT
from hostile import unescape
from scaled import SOURCE_ID, make_scaled_copy
from streamlit.testing.v1 import AppTest

from odd17 import case_studies
from odd17.case_studies import Filters
from odd17.dataset import BUNDLED_DIR, DATA_ENV, load, validate
from odd17.formats import escape_markdown
from odd17.regions import names
from odd17.ui.cards import PAGE_SIZE

EXAMPLES = "pages/exemples.py"
MAX_ELEMENTS = 200  # well under Streamlit's 500-message send queue
BIG = 3000


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory):
    folder = make_scaled_copy(tmp_path_factory.mktemp("scaled") / "data", 1000)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_ENV, str(folder))
        yield load(folder)


def app(target: str = EXAMPLES, /, **params: str) -> AppTest:
    """The app opened with these query parameters, then on `target` (a page file, or app.py for its first page)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    return at if target == "app.py" else at.switch_page(target).run()


def count_line(at: AppTest) -> str:
    return next(unescape(m.value) for m in at.markdown if "exemple(s)**" in m.value)


def titles(at: AppTest) -> list[str]:
    return [unescape(m.value)[5:] for m in at.markdown if m.value.startswith("#### ")]


def expected(ds, filters: Filters) -> list[str]:
    return case_studies.filter_cases(ds.case_studies, filters, names(ds.regions))["title"].tolist()


def elements(at: AppTest) -> int:
    """Every element and container of the page (sidebar included), as AppTest received them."""

    def walk(node) -> int:
        children = getattr(node, "children", {}) or {}
        return 1 + sum(walk(child) for child in children.values())

    return sum(walk(root) for root in at._tree.children.values())


# ---- the generator


@pytest.mark.parametrize("cases", [39, 300])
def test_scaled_copy_is_valid_and_every_added_row_is_labelled_synthetic(tmp_path: Path, cases: int) -> None:
    folder = make_scaled_copy(tmp_path / "data", cases)
    assert validate(folder) == []
    bundled = load(BUNDLED_DIR)
    scaled = load(folder)
    assert len(scaled.case_studies) == cases
    for table in ("case_studies", "figures"):
        added = scaled.tables[table].iloc[len(bundled.tables[table]) :]
        assert (added["source"] == SOURCE_ID).all() and added["note"].str.contains("synthétique").all()
        pd.testing.assert_frame_equal(scaled.tables[table].iloc[: len(bundled.tables[table])], bundled.tables[table])
    assert len(scaled.figures) == len(bundled.figures) * round(cases / len(bundled.case_studies))


def test_the_generator_never_writes_into_data() -> None:
    with pytest.raises(ValueError):
        make_scaled_copy(BUNDLED_DIR / "scaled", 300)
    assert not (BUNDLED_DIR / "scaled").exists()


# ---- the examples page on 1,000 cases


def test_first_page_and_count_match_the_domain(thousand) -> None:
    at = app()
    assert not at.exception
    assert count_line(at).startswith("**1000 exemple(s)** sur 1000")
    assert titles(at) == expected(thousand, Filters())[:PAGE_SIZE]
    assert "page" not in at.query_params


def test_next_page_button_and_the_url_page(thousand) -> None:
    at = app()
    next(b for b in at.button if b.label == "Suivants →").click().run()
    assert titles(at) == expected(thousand, Filters())[PAGE_SIZE : 2 * PAGE_SIZE]
    assert at.query_params["page"] == "2"
    at = app(page="84")  # the last page, opened from a link
    assert titles(at) == expected(thousand, Filters())[83 * PAGE_SIZE :]
    assert next(b for b in at.button if b.label == "Suivants →").disabled


@pytest.mark.parametrize(
    ("params", "filters"),
    [
        ({"regions": "53"}, Filters(regions=("53",))),
        ({"regions": "53,FR", "page": "3"}, Filters(regions=("53", "FR"))),
        ({"q": "Bretagne"}, Filters(query="Bretagne")),
        ({"q": "telethon", "annees": "2010-2015"}, Filters(query="telethon", years=(2010, 2015))),
        ({"profil": "entreprise", "domaine": "mobilite", "page": "2"}, Filters(actor_profiles=("entreprise",), domains=("mobilite",))),
        ({"niveau": "national", "categorie": "innovation_societale"}, Filters(level=("national",), category=("innovation_societale",))),
    ],
)
def test_a_link_opens_the_same_cases_as_the_domain(thousand, params: dict[str, str], filters: Filters) -> None:
    at = app(**params)
    assert not at.exception and not at.warning
    found = expected(thousand, filters)
    assert count_line(at).startswith(f"**{len(found)} exemple(s)**")
    page = int(params.get("page", "1"))
    assert titles(at) == found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    assert dict(at.query_params).items() >= {k: v for k, v in params.items() if k != "page" or v != "1"}.items()


def test_widgets_filter_search_and_reset_the_page(thousand) -> None:
    at = app(page="5")
    at.multiselect(key="f_regions").set_value(["53"]).run()
    found = expected(thousand, Filters(regions=("53",)))
    assert titles(at) == found[:PAGE_SIZE] and "page" not in at.query_params  # other results: their first page
    at.text_input(key="f_query").input("silver").run()
    found = expected(thousand, Filters(regions=("53",), query="silver"))
    assert count_line(at).startswith(f"**{len(found)} exemple(s)**") and titles(at) == found[:PAGE_SIZE]
    assert at.query_params["regions"] == "53" and at.query_params["q"] == "silver"


def test_the_sidebar_region_opens_its_examples_and_the_national_ones(thousand) -> None:
    at = app(region="53")
    found = expected(thousand, Filters(regions=("53", "FR")))
    assert at.multiselect(key="f_regions").value == ["53", "FR"]
    assert count_line(at).startswith(f"**{len(found)} exemple(s)**") and titles(at) == found[:PAGE_SIZE]
    assert any("Bretagne et exemples nationaux" in c.value for c in at.caption)
    assert any("Exemple national" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Voir tous les exemples").click().run()
    assert count_line(at).startswith("**1000 exemple(s)**") and "regions" not in at.query_params


def test_the_open_example_is_shown_once(thousand) -> None:
    first = expected(thousand, Filters(regions=("53",)))[0]
    case_id = thousand.case_studies.set_index("title").loc[first, "id"]
    at = app(regions="53", exemple=case_id)
    assert [m.value for m in at.markdown].count(f"### {escape_markdown(first)}") == 1
    assert first not in titles(at)


def test_copy_link_reproduces_filters_and_page(thousand) -> None:
    at = app(regions="53", q="silver", page="2")
    link = at.code[0].value
    assert "regions=53" in link and "q=silver" in link and "page=2" in link and "region=" in link


# ---- every page bounded on 3,000 cases


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):
    folder = make_scaled_copy(tmp_path_factory.mktemp("big") / "data", BIG)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_ENV, str(folder))
        yield folder


@pytest.mark.parametrize("page", PAGE_FILES)
def test_no_page_sends_more_than_a_bounded_number_of_elements(big, page: str) -> None:
    at = app(page, region="53") if page != "pages/atelier.py" else app("app.py", region="53", atelier="1")
    assert not at.exception
    assert elements(at) <= MAX_ELEMENTS


def test_the_regions_filter_follows_the_sidebar_until_the_user_changes_it(thousand) -> None:
    at = app(region="53")
    at.selectbox(key="region_picker").set_value("52").run()
    assert at.multiselect(key="f_regions").value == ["52", "FR"]
    at.multiselect(key="f_regions").set_value(["11"]).run()  # the user's own choice
    at.selectbox(key="region_picker").set_value("53").run()
    assert at.multiselect(key="f_regions").value == ["11"]


def test_check_on_a_big_folder_still_names_file_row_and_column(tmp_path: Path) -> None:
    folder = make_scaled_copy(tmp_path / "data", BIG)
    cases = pd.read_csv(folder / "case_studies.csv", dtype=str, keep_default_na=False)
    cases.loc[2500, "year_start"] = "vers 2010"
    cases.loc[2900, "source"] = "inconnue"
    cases.to_csv(folder / "case_studies.csv", index=False, lineterminator="\n")
    problems = [str(p) for p in validate(folder)]
    assert any(p.startswith("case_studies.csv, ligne 2502, colonne « year_start » : valeur du mauvais type") for p in problems), problems
    assert "case_studies.csv, ligne 2902, colonne « source » : source inconnue « inconnue » (absente de sources.csv)" in problems
