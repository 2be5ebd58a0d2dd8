"""Every page under Streamlit's AppTest: no exception, the dataset's figures, widgets that act.

Expected values are read through odd17 (the same functions the pages call), never typed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odd17 import case_studies, indicators, timeline, workshop
from odd17.case_studies import Filters
from odd17.formats import escape_markdown
from odd17.regions import names

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["accueil", "carte", "ma_region", "eres", "carre_magique", "exemples", "regards_croises", "sources", "atelier"]
TIMEOUT = 60


def open_page(page: str, **params: str) -> AppTest:
    """Open a page from a link with these parameters.

    AppTest needs one run (on Accueil) before it can switch pages; the parameters
    are in the URL from that first run, as when a shared link is opened.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(f"pages/{page}.py").run() if page != "accueil" else at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def markdown_text(at: AppTest) -> str:
    return "\n".join(texts(at.markdown))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("region", ["FR", "52", "94"])
def test_page_runs_without_exception_or_error(page: str, region: str) -> None:
    at = open_page(page, region=region)
    assert not at.exception and not at.error


def test_accueil_shows_the_headline_figures(ds) -> None:
    at = open_page("accueil")
    assert texts(at.metric) == indicators.headline_figures(ds)["display"].tolist()
    assert len(at.get("page_link")) == 8  # one per page; no « Voir le profil » while France is chosen


def test_accueil_links_the_chosen_region_profile() -> None:
    at = open_page("accueil", region="53")
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Voir le profil\u00a0: Bretagne" in labels


def test_accueil_region_picker_goes_to_the_profile(ds) -> None:
    at = open_page("accueil")
    at.selectbox(key="home_region").set_value("76").run()
    at.switch_page("pages/ma_region.py").run()
    assert at.title[0].value == f"Ma région : {escape_markdown(names(ds.regions)['76'])}"


def test_ma_region_shows_the_profile_beside_france(ds) -> None:
    at = open_page("ma_region", region="52")
    assert at.title[0].value == "Ma région : Pays de la Loire"
    body = markdown_text(at)
    profile = indicators.region_profile(ds, "52")
    shown = indicators.published(profile[profile["indicator"] != indicators.SAMPLE_BASE])
    assert len(shown) > 0
    for _, row in shown.iterrows():  # one block per published figure: its label, the region's value, France's
        assert f"**{escape_markdown(row['label'])}**" in body
        assert escape_markdown(row["display"]) in body
    assert escape_markdown(indicators.sample_base(ds, "52")["display"]) in body  # the sample base, as context
    assert not at.metric  # no headline number for the sample base any more


def test_ma_region_for_france_offers_a_picker_and_the_national_figures(ds) -> None:
    at = open_page("ma_region", region="FR")
    body = markdown_text(at)
    for display in indicators.headline_figures(ds)["display"]:
        assert escape_markdown(display) in body
    at.selectbox[1].set_value("53").run()
    assert at.title[0].value == "Ma région : Bretagne"


def test_ma_region_lists_its_examples_and_innovations(ds) -> None:
    at = open_page("ma_region", region="75")
    body = markdown_text(at)
    for title in case_studies.in_region(ds.case_studies, "75")["title"]:
        assert escape_markdown(title) in body
    assert "2014\\-2015" in body  # Silver Geek's first season, from diffusion.csv


def test_ma_region_without_published_values_says_so_once(ds) -> None:
    at = open_page("ma_region", region="94")
    notices = [i.value for i in at.info if "Aucun chiffre régional" in i.value]
    assert len(notices) == 1 and "publié pour la Corse dans" in notices[0]  # French grammar for the region's name
    assert escape_markdown(indicators.headline_figures(ds)["display"].iloc[0]) in markdown_text(at)  # national reference
    assert "n'est pas publiée pour cette région" in markdown_text(at)


def test_sidebar_picker_changes_the_profile(ds) -> None:
    at = open_page("ma_region", region="52")
    at.sidebar.selectbox[0].set_value("93").run()
    assert at.title[0].value == f"Ma région : {escape_markdown(names(ds.regions)['93'])}"
    assert at.query_params["region"] == "93"


def test_region_survives_a_page_change() -> None:
    at = open_page("carte", region="53")
    at.switch_page("pages/ma_region.py").run()
    assert at.title[0].value == "Ma région : Bretagne"


@pytest.mark.parametrize("bad", ["zz", "../../etc", "x" * 10_000])
def test_unknown_region_falls_back_to_france_with_a_notice(bad: str) -> None:
    at = open_page("accueil", region=bad)
    assert any(escape_markdown("n'est pas reconnu") in w.value for w in at.warning)
    at.switch_page("pages/ma_region.py").run()
    assert at.title[0].value == "Ma région : France"


def test_carte_table_shows_the_map_values(ds) -> None:
    at = open_page("carte")
    first = next(iter(indicators.map_indicators(ds)))
    assert at.dataframe[0].value["Valeur"].tolist() == indicators.map_values(ds, first)["display"].tolist()
    at.selectbox[0].set_value("silvergeek_arrivee").run()
    assert at.dataframe[0].value["Valeur"].tolist() == indicators.map_values(ds, "silvergeek_arrivee")["display"].tolist()
    assert at.query_params["indicateur"] == "silvergeek_arrivee"


def test_carte_unknown_indicator_in_the_url() -> None:
    at = open_page("carte", indicateur="<script>")
    assert any("n'existe pas" in w.value for w in at.warning)


def test_eres_filters_milestones_by_kind(ds) -> None:
    at = open_page("eres")
    assert f"{len(ds.timeline)} jalon(s) affiché(s)." in texts(at.caption)
    at.button_group(key="kinds").set_value(["droit"]).run()
    expected = len(timeline.milestones(ds.timeline, ("droit",)))
    assert f"{expected} jalon(s) affiché(s)." in texts(at.caption)


def test_eres_shows_the_eras_in_order(ds) -> None:
    at = open_page("eres")
    body = markdown_text(at)
    eras = timeline.eras(ds.concepts)
    positions = [body.index(f"**{order}. {escape_markdown(label)}**") for order, label in zip(eras["order"], eras["label"], strict=True)]
    assert positions == sorted(positions)


def test_carre_magique_shows_categories_objectives_and_rates(ds) -> None:
    at = open_page("carre_magique")
    body = markdown_text(at)
    for group in ("category", "carre_objective", "coconstruction_objective"):
        for label in indicators.concepts(ds, group)["label"]:
            assert f"**{escape_markdown(label)}**" in body
    assert len(at.get("vega_lite_chart")) >= 3


def count_line(at: AppTest) -> str:
    return next(m for m in texts(at.markdown) if "exemple(s)**" in m)


def test_exemples_region_filter_leaves_the_domain_functions_cards(ds) -> None:
    at = open_page("exemples")
    assert count_line(at).startswith(f"**{len(ds.case_studies)} exemple(s)**")
    at.multiselect(key="f_regions").set_value(["75"]).run()
    expected = case_studies.filter_cases(ds.case_studies, Filters(regions=("75",)))
    assert count_line(at).startswith(f"**{len(expected)} exemple(s)**")
    titles = [m for m in texts(at.markdown) if m.startswith("#### ")]
    assert titles == [f"#### {escape_markdown(t)}" for t in expected["title"]]
    assert at.query_params["regions"] == "75"


def test_exemples_search_is_accent_insensitive(ds) -> None:
    at = open_page("exemples")
    at.text_input(key="f_query").input("telethon").run()
    expected = case_studies.filter_cases(ds.case_studies, Filters(query="telethon"))
    assert len(expected) > 0 and count_line(at).startswith(f"**{len(expected)} exemple(s)**")


def test_exemples_url_reproduces_the_view(ds) -> None:
    at = open_page("exemples", regions="75", q="silver")
    expected = case_studies.filter_cases(ds.case_studies, Filters(regions=("75",), query="silver"))
    assert count_line(at).startswith(f"**{len(expected)} exemple(s)**")
    assert at.multiselect(key="f_regions").value == ["75"]


def test_exemples_empty_state_and_detail_view(ds) -> None:
    at = open_page("exemples", q="aucun-exemple-ne-contient-ceci")
    assert any("Aucun exemple" in i.value for i in at.info)
    at = open_page("exemples", exemple="silvergeek")
    assert "### Silver Geek" in texts(at.markdown)


def test_exemples_unknown_values_are_refused_with_a_notice() -> None:
    at = open_page("exemples", domaine="astrologie", exemple="inconnu")
    warnings = " ".join(texts(at.warning))
    assert "astrologie" in warnings and "inconnu" in warnings


def test_regards_croises_has_one_tab_per_population(ds) -> None:
    at = open_page("regards_croises")
    assert [t.label for t in at.tabs] == list(indicators.POPULATIONS)
    unpublished = []
    for population in indicators.POPULATIONS:  # the tabs are lazy: only the open one is built
        at.session_state["regards_population"] = population
        at.run()
        body = markdown_text(at)
        for question in indicators.questions(indicators.population_figures(ds, population))["question"]:
            assert escape_markdown(question) in body, population
        assert len(at.get("vega_lite_chart")) == 2, "the four populations' chart and the open tab's: closed tabs are not built"
        unpublished += [i.value for i in at.info if "non publié" in i.value]
    assert unpublished


def test_sources_lists_every_source(ds) -> None:
    at = open_page("sources")
    assert len(at.dataframe[0].value) + len(at.dataframe[1].value) == len(ds.sources)
    assert any("valide" in s.value for s in at.success)


def test_atelier_steps_through_the_slides(ds) -> None:
    at = open_page("atelier", atelier="1", region="75", diapo="2")
    story = workshop.slides(ds, "75")
    assert f"# {escape_markdown(story[1].title)}" in texts(at.markdown)
    at.button(key="next").click().run()
    assert f"# {escape_markdown(story[2].title)}" in texts(at.markdown)
    assert at.query_params["diapo"] == "3"
    at.button(key="prev").click().run()
    assert at.query_params["diapo"] == "2"


def test_atelier_region_without_data_says_so_once(ds) -> None:
    story = workshop.slides(ds, "94")
    number = next(i for i, s in enumerate(story, start=1) if s.kind == "map")
    at = open_page("atelier", atelier="1", region="94", diapo=str(number))
    message = story[number - 1].message
    assert message and any(escape_markdown(message) in m for m in texts(at.markdown))
    assert not at.exception and not at.error


def test_atelier_chart_slides_draw_their_charts(ds) -> None:
    story = workshop.slides(ds, "52")
    for number, slide in enumerate(story, start=1):
        if slide.charts:
            at = open_page("atelier", atelier="1", region="52", diapo=str(number))
            assert len(at.get("vega_lite_chart")) == len(slide.charts), slide.kind
            assert not at.exception and not at.error
