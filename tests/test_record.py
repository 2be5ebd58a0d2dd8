"""The published record on the pages (odd17.ui.record), read under AppTest.

Expected values come from odd17 (the functions the pages call), never typed here.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from odd17 import context, indicators, reports
from odd17.formats import escape_markdown, no_break
from tests.apppages import APP, TIMEOUT, Visited, open_tables


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(f"pages/{page}.py").run()


def shown_values(at: AppTest) -> set[str]:
    """Every cell of every table view on the page."""
    return {str(v) for frame in at.dataframe for column in frame.value.columns for v in frame.value[column]}


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def expected_caution(note: str) -> str:
    return escape_markdown(no_break(note))


@pytest.fixture(scope="module")
def regards() -> Visited:
    """Every population's tab with its tables open (the page builds only the open tab and open tables)."""
    return Visited(open_page("regards_croises"), "regards_population", indicators.POPULATIONS)


def test_regards_croises_shows_source_of_innovation_by_population(ds, regards) -> None:
    assert not regards.exception and not regards.error
    views = indicators.innovation_views(ds)
    assert set(views["item"]) <= shown_values(regards) and set(views["display"]) <= shown_values(regards)


def test_regards_croises_shows_the_conflict_between_sources(ds, regards) -> None:
    notes = indicators.cautions(indicators.innovation_views(ds))["note"]
    assert len(notes) == 2 and all(expected_caution(n) in warnings(regards) for n in notes)


@pytest.mark.parametrize(
    ("population", "indicator"),
    [
        ("Français", "fr_entreprises_legitimes"),
        ("Français", "fr_devoir_alliance"),
        ("Élus locaux", "maires_utilite_coconstruction"),
        ("Élus locaux", "elus_jouer_collectif_mandat"),
        ("Associations", "assos_partenaires_collectivites"),
        ("Associations", "assos_echelle_regionale"),
        ("Entreprises", "tpe_pme_sortie_crise"),
        ("Entreprises", "entreprises_2021_innovation_societale"),
    ],
)
def test_regards_croises_tab_lists_the_new_figure(ds, regards, population: str, indicator: str) -> None:
    rows = indicators.labelled(indicators.published(indicators.population_figures(ds, population)))
    row = rows[rows["indicator"] == indicator].iloc[0]
    assert row["item"] in shown_values(regards) and row["display"] in shown_values(regards)


def test_regards_croises_shows_the_ambiguous_64_in_the_elus_tab(ds, regards) -> None:
    note = indicators.figure(ds, "elus_jouer_collectif_mandat")["note"]
    assert expected_caution(note) in warnings(regards)


def test_regards_croises_names_the_territorial_debates(ds, regards) -> None:
    debates = indicators.figure(ds, "prog_debats_territoriaux")
    assert any(f"{debates['display']} débats territoriaux" in c.value for c in regards.caption)


def test_carre_magique_shows_the_four_partnership_types_of_2021_with_their_caution(ds) -> None:
    at = open_tables(open_page("carre_magique"))
    assert not at.exception and not at.error
    rows = indicators.labelled(indicators.family(ds, "modalites_entreprises"))
    assert len(rows) == 4
    assert set(rows["item"]) <= shown_values(at) and set(rows["display"]) <= shown_values(at)
    notes = indicators.cautions(rows)["note"]
    assert len(notes) == 1 and expected_caution(notes.iloc[0]) in warnings(at)


@pytest.mark.parametrize("code", ["28", "76", "27", "52"])
def test_ma_region_links_the_published_report(ds, code: str) -> None:
    at = open_page("ma_region", region=code)
    report = reports.for_region(ds, code).iloc[0]
    assert [b.proto.url for b in at.get("link_button")] == [report["url"]]
    assert any(escape_markdown(report["title"]) in m.value for m in at.markdown)


@pytest.mark.parametrize("code", ["94", "06", "11"])
def test_ma_region_without_a_known_report_says_so(ds, code: str) -> None:
    at = open_page("ma_region", region=code)
    assert len(at.get("link_button")) == 0
    assert escape_markdown(no_break(reports.none_message(ds))) in [c.value for c in at.caption]


@pytest.mark.parametrize("code", ["28", "11", "06", "94"])
def test_ma_region_shows_the_population_beside_the_sample_base(ds, code: str) -> None:
    at = open_page("ma_region", region=code)
    row = context.population(ds, code)
    assert escape_markdown(context.population_line(row)) in [m.value for m in at.markdown]
    assert not at.metric  # context, not a headline number
    if code == "06":
        assert context.MISSING_POPULATION in context.population_line(row)
    # In the « Contexte » section, beside the sample base of the survey (published or said to be missing).
    assert [h.value for h in at.subheader][-1] == "Contexte\u00a0: l'enquête auprès des Français"
    assert any("IMPACT-Citoyens (question Q7)" in m.value for m in at.markdown)


def test_ma_region_for_france_shows_neither(ds) -> None:
    at = open_page("ma_region", region="FR")
    assert len(at.get("link_button")) == 0 and not any(context.LABEL in m.value for m in at.markdown)
