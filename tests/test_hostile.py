"""Hostile data: text that looks like HTML or markdown is shown as text; an invalid folder is explained.

The app is pointed (ODD17_DATA_DIR) at copies of data/ made in a temporary folder:
one whose case studies carry payloads (tests/hostile.py), and broken ones.
odd17.ui.data caches by folder path, so each copy gets its own cache entry.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from apppages import APP, PAGE_FILES, TIMEOUT
from hostile import ESCAPED, HOSTILE_REGION, LONG_WORD, PAYLOADS, case_ids, make_hostile_copy, unescape
from streamlit.testing.v1 import AppTest

from odd17 import workshop
from odd17.dataset import BUNDLED_DIR, DATA_ENV, load, validate
from odd17.formats import escape_markdown
from odd17.ui.cards import PAGE_SIZE, PREVIEW
from odd17.ui.data import INVALID_TITLE, UNEXPECTED_HELP, UNEXPECTED_TITLE

PAGES = PAGE_FILES
HOME = "pages/accueil.py"
TEXT_KINDS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
BARE_LINK = re.compile(r"(?i)https?://|www\.|[-.\w+]@")  # what GFM turns into a link by itself
SUMMARY_CHARS = 180  # cards cut summaries (odd17.ui.cards.SUMMARY_CHARS); titles are never cut


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_ENV, str(folder))  # for the whole module; broken folders override it per test
        yield folder


def app(page: str = HOME, **params: str) -> AppTest:
    """The app on the folder named by ODD17_DATA_DIR, opened at `page` with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    # Before a first run AppTest would run a page file on its own, without app.py:
    # open the app, then go to the page (AppTest keeps the query parameters).
    at.run()
    return at if page == HOME else at.switch_page(page).run()


@pytest.fixture(scope="module")
def examples_pages(hostile_dir: Path) -> list[AppTest]:
    """Every page of results of the region that holds the hostile cases (the list is paged)."""
    first = app("pages/exemples.py", regions=HOSTILE_REGION)
    count = int(unescape(first.markdown[0].value).split()[0].strip("*"))
    pages = -(-count // PAGE_SIZE)
    return [first] + [examples_page_number(n) for n in range(2, pages + 1)]


def examples_page_number(number: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(regions=HOSTILE_REGION, page=str(number))
    at.run()
    return at.switch_page("pages/exemples.py").run()


def texts(at: AppTest) -> list[str]:
    """The markdown source of every text element on the page."""
    return [element.value for kind in TEXT_KINDS for element in getattr(at, kind)]


def carrying(at: AppTest, payload: str) -> list[str]:
    """The text elements whose shown text contains the payload (or the part of it a card keeps)."""
    probe = payload[:SUMMARY_CHARS]
    return [body for body in texts(at) if probe in unescape(body)]


def assert_inert(body: str, payload: str) -> None:
    """The payload is in the markdown only backslash-escaped, so a renderer shows it as typed."""
    shown = payload if payload in unescape(body) else payload[:SUMMARY_CHARS]
    assert escape_markdown(shown) in body, body
    if escape_markdown(shown) != shown:  # punctuation in it: the raw form must not be there
        assert shown not in body.replace(escape_markdown(shown), ""), body
    unescaped = ESCAPED.sub("", body)  # what a renderer may still interpret
    assert not set(unescaped) & set("<>[]()$`|"), body
    assert not BARE_LINK.search(ESCAPED.sub(r"\1", body)), body  # GFM would link it despite escapes


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_cards_show_hostile_text_as_text(examples_pages: list[AppTest], name: str) -> None:
    assert not any(at.exception for at in examples_pages)
    bodies = [body for at in examples_pages for body in carrying(at, PAYLOADS[name])]
    assert len(bodies) >= 4, bodies  # title, actors, key figure, summary of its card
    for body in bodies:
        assert_inert(body, PAYLOADS[name])
    titles = [unescape(b) for b in bodies if b.startswith("#### ")]
    assert titles == [f"#### {PAYLOADS[name]}"]


def test_long_words_emoji_and_right_to_left_text_are_kept_whole(examples_pages: list[AppTest]) -> None:
    shown = [unescape(body) for at in examples_pages for body in texts(at)]
    for payload in (LONG_WORD, PAYLOADS["emoji"], PAYLOADS["rtl"]):
        assert f"#### {payload}" in shown


def test_detail_view_shows_every_field_as_text(hostile_dir: Path) -> None:
    ids = case_ids(hostile_dir)
    at = app("pages/exemples.py")
    for name, payload in PAYLOADS.items():
        at.query_params["exemple"] = ids[name]
        at.run()
        assert not at.exception and not at.warning
        bodies = carrying(at, payload)
        for body in bodies:
            assert_inert(body, payload)
        shown = [unescape(b) for b in bodies]
        for label in ("Acteurs", "Chiffre clé"):
            assert f"**{label}** : {payload}" in shown, (name, label)
        assert not any(body.startswith("**Note**") for body in texts(at)), "the editors' notes are never shown"
        assert f"### {payload}" in shown and payload in shown  # title and full summary


def test_my_region_and_workshop_show_hostile_text_as_text(hostile_dir: Path) -> None:
    region_page = app("pages/ma_region.py", region=HOSTILE_REGION)
    story = workshop.slides(load(hostile_dir), HOSTILE_REGION)
    examples_slide = 1 + next(i for i, slide in enumerate(story) if slide.kind == "examples")
    deck = app(region=HOSTILE_REGION, atelier="1", diapo=str(examples_slide))
    for at in (region_page, deck):
        assert not at.exception
    shown = 0
    for payload in PAYLOADS.values():
        bodies = carrying(region_page, payload)
        shown += any(b.startswith("#### ") for b in bodies)
        for body in bodies + carrying(deck, payload):
            assert_inert(body, payload)
    assert shown == PREVIEW  # the profile shows its first examples; the rest are a link away
    assert len({b for p in PAYLOADS.values() for b in carrying(deck, p) if b.startswith("### ")}) == workshop.EXAMPLES_PER_SLIDE


def test_search_finds_hostile_text_without_running_it(hostile_dir: Path) -> None:
    at = app("pages/exemples.py", q="<script>")
    assert not at.exception and not at.warning
    assert at.text_input[0].value == "<script>"
    assert unescape(at.markdown[0].value).startswith("**1 exemple(s)**")
    assert [unescape(b) for b in carrying(at, PAYLOADS["script"]) if b.startswith("####")] == [f"#### {PAYLOADS['script']}"]


# ---- invalid folders --------------------------------------------------------------------------------


def rewrite_cell(folder: Path, table: str, column: str, value: str) -> None:
    file = folder / f"{table}.csv"
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    frame.loc[0, column] = value
    frame.to_csv(file, index=False, lineterminator="\n")


def missing_file(folder: Path) -> None:
    (folder / "figures.csv").unlink()


def non_numeric_value(folder: Path) -> None:
    rewrite_cell(folder, "figures", "value", "beaucoup")


def broken_utf8(folder: Path) -> None:
    file = folder / "case_studies.csv"
    file.write_bytes(file.read_bytes().replace("Téléthon".encode(), b"T\xe9l\xe9thon", 1))


def invalid_descriptor(folder: Path) -> None:
    (folder / "datapackage.json").write_text('{"resources": [', encoding="utf-8")


def unknown_source(folder: Path) -> None:
    rewrite_cell(folder, "figures", "source", "[x](javascript:alert(1))")


def multiline_unknown_region(folder: Path) -> None:
    rewrite_cell(folder, "figures", "region", "75\n\n- <img src=x onerror=alert(1)>\n# titre")


def descriptor_without_table(folder: Path) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "regions"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def no_folder(folder: Path) -> None:
    shutil.rmtree(folder)


BREAKAGES: dict[str, Callable[[Path], None]] = {
    "missing-file": missing_file,
    "non-numeric": non_numeric_value,
    "broken-utf8": broken_utf8,
    "invalid-json": invalid_descriptor,
    "unknown-source": unknown_source,
    "multiline-value": multiline_unknown_region,
    "undeclared-table": descriptor_without_table,
    "no-folder": no_folder,
}


@pytest.fixture(scope="module", params=list(BREAKAGES))
def broken_dir(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(request.param) / "data"
    shutil.copytree(BUNDLED_DIR, folder, ignore=shutil.ignore_patterns("geo"))
    BREAKAGES[request.param](folder)
    return folder


def listed_problems(at: AppTest) -> list[str]:
    """The problems an invalid-folder message lists, as the user reads them."""
    assert len(at.error) == 1, [e.value for e in at.error]
    body = at.error[0].value
    assert INVALID_TITLE in unescape(body)
    return [unescape(line[2:]) for line in body.splitlines() if line.startswith("- ")]


def one_line(problem: object) -> str:
    """A problem as the app lists it: on one line (a newline in a quoted value is a space)."""
    return " ".join(str(problem).split())


def test_every_page_lists_the_problems_of_an_invalid_folder(monkeypatch, broken_dir: Path) -> None:
    expected = [one_line(problem) for problem in validate(broken_dir)]
    assert expected, "the broken copy must not validate"
    monkeypatch.setenv(DATA_ENV, str(broken_dir))
    at = app()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert listed_problems(at) == expected, page
        assert not at.metric and not at.dataframe and not at.title, page
        assert str(broken_dir) in unescape(at.error[0].value)
        assert "`" not in at.error[0].value  # no code span: escapes would show as backslashes
        assert "python -m odd17 check" in at.info[0].value


def test_workshop_link_on_an_invalid_folder_lists_the_problems(monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED_DIR, folder, ignore=shutil.ignore_patterns("geo"))
    unknown_source(folder)
    monkeypatch.setenv(DATA_ENV, str(folder))
    at = app(atelier="1", diapo="3", region="75")
    assert not at.exception
    assert listed_problems(at) == [one_line(p) for p in validate(folder)]
    assert not at.metric


# ---- the app's own errors ---------------------------------------------------------------------------


def failing_page_script() -> None:
    """A page that fails after drawing something, run through odd17.ui.data.run_page."""
    import streamlit as st

    from odd17.ui import data

    class Page:
        url_path = "en-panne"

        def run(self) -> None:
            st.markdown("avant l'erreur")
            raise KeyError("/srv/secret/path")

    data.run_page(Page())


def stopping_page_script() -> None:
    import streamlit as st

    from odd17.ui import data

    class Page:
        def run(self) -> None:
            st.markdown("avant st.stop")
            st.stop()
            st.markdown("jamais affiché")

    data.run_page(Page())


def test_an_unexpected_error_is_explained_in_french_without_its_details(caplog) -> None:
    at = AppTest.from_function(failing_page_script, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [unescape(e.value) for e in at.error] == [f"**{UNEXPECTED_TITLE}**\n\n{UNEXPECTED_HELP}"]
    assert not any("secret" in body or "KeyError" in body for body in texts(at))
    assert "KeyError" in caplog.text  # the details are in the server's log


def test_st_stop_in_a_page_is_not_an_error() -> None:
    at = AppTest.from_function(stopping_page_script, default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert [m.value for m in at.markdown] == ["avant st.stop"]


# ---- configuration ----------------------------------------------------------------------------------


def test_config_keeps_xsrf_on_statistics_off_and_error_details_hidden() -> None:
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"].get("enableCORS", True) is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_a_valid_dataset_without_case_studies_keeps_every_page_up(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "sans-exemples"
    shutil.copytree(BUNDLED_DIR, folder, ignore=shutil.ignore_patterns("geo"))
    header = (folder / "case_studies.csv").read_text(encoding="utf-8").split("\n")[0]
    (folder / "case_studies.csv").write_text(header + "\n", encoding="utf-8")
    monkeypatch.setenv("ODD17_DATA_DIR", str(folder))
    for page in ("pages/exemples.py", "pages/ma_region.py", "pages/carte.py"):
        at = app(page, region="75")
        assert not at.exception and not at.error, page
