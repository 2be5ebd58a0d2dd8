"""Figures: a region beside France, the map's values, headline and family queries."""

import pandas as pd
import pytest

from odd17 import indicators

NB = "\u00a0"

NNB = "\u202f"


def test_headline_figures_in_order(ds) -> None:
    rows = indicators.headline_figures(ds)
    assert list(zip(rows["indicator"], rows["display"], rows["year_display"], strict=True)) == [
        ("fr_alliances_accelerateur", f"74{NB}%", "année non précisée"),
        ("fr_mouvement_suffisant", f"21{NB}%", "année non précisée"),
        ("entreprises_taux_partenariat", f"36{NB}%", "2015"),
        ("entreprises_taux_partenariat", f"57{NB}%", "2021"),
        ("elus_impact_confiance", f"67{NB}%", "année non précisée"),
        ("prog_exemples_inspirants", f"plus de{NB}1{NNB}000", "2022"),
    ]


def test_every_figure_has_a_citation(ds) -> None:
    table = indicators.figures(ds)
    assert table["citation"].str.len().gt(0).all()


@pytest.mark.parametrize(
    ("code", "indicator", "region_display", "france_display"),
    [
        ("52", "fr_q7_base", f"2,9{NB}millions", f"50,2{NB}millions"),
        ("52", "fr_alliances_accelerateur", "non publié", f"74{NB}%"),
        ("52", "phare_entreprises_partenariat", f"43{NB}%", f"37{NB}%"),
        ("27", "phare_innovation_citoyens", f"75{NB}%", f"69{NB}%"),
        ("76", "impact_devoir_alliances", f"82{NB}%", "non publié"),
        ("84", "fr_q7_base", f"6,1{NB}millions", f"50,2{NB}millions"),
    ],
)
def test_region_profile_beside_france(ds, code: str, indicator: str, region_display: str, france_display: str) -> None:
    row = indicators.region_profile(ds, code).set_index("indicator").loc[indicator]
    assert row["display"] == region_display
    assert row["france_display"] == france_display


@pytest.mark.parametrize(("code", "count"), [("94", 0), ("04", 0), ("52", 9), ("76", 3)])
def test_region_profile_sizes(ds, code: str, count: int) -> None:
    assert len(indicators.region_profile(ds, code)) == count


@pytest.mark.parametrize(("code", "expected"), [("52", f"2,9{NB}millions"), ("94", None), ("02", None)])
def test_sample_base(ds, code: str, expected: str | None) -> None:
    row = indicators.sample_base(ds, code)
    assert (row["display"] if row is not None else None) == expected


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("fr_q7_base", {"11": f"9,3{NB}millions", "24": f"2{NB}millions", "94": "non publié", "06": "non publié"}),
        ("silvergeek_arrivee", {"75": "2014", "84": "2018", "76": "2019", "44": "2021", "27": "non publié", "01": "non publié"}),
        ("impact_devoir_alliances", {"76": f"82{NB}%", "11": "non publié"}),
    ],
)
def test_map_values(ds, indicator: str, expected: dict[str, str]) -> None:
    values = indicators.map_values(ds, indicator).set_index("region")
    assert len(values) == 18
    assert {code: values.loc[code, "display"] for code in expected} == expected


def test_map_values_count_examples_per_region(ds) -> None:
    values = indicators.map_values(ds, indicators.DERIVED_CASES).set_index("region")["value"]
    named = pd.Series([c for cell in ds.case_studies["regions"] for c in cell.split(";") if c and c != "FR"]).value_counts()
    assert values.to_dict() == {code: float(named.get(code, 0)) for code in ds.regions["code"]}


def test_map_indicators_list_only_regional_published_values(ds) -> None:
    choices = indicators.map_indicators(ds)
    assert list(choices)[:3] == ["nb_exemples", "silvergeek_arrivee", "fr_q7_base"]
    assert "fr_alliances_accelerateur" not in choices  # regional values are chart-only: nothing to map
    assert "impact_devoir_alliances" in choices


@pytest.mark.parametrize(
    ("family", "items"),
    [
        ("echelle_entreprises", [("Local", 68.0), ("Régional", 44.0), ("National", 19.0), ("International", 7.0)]),
        ("pratiques_entreprises", [("Taux de pratiques partenariales", 36.0), ("Taux de pratiques partenariales", 57.0)]),
        ("ag2r_axes", [("Prévention", 6.0), ("Actions sur l'emploi", 9.0), ("Habitat", 7.0), ("Aidants", 5.0)]),
    ],
)
def test_family(ds, family: str, items: list[tuple[str, float]]) -> None:
    rows = indicators.family(ds, family)
    assert list(zip(rows["item"], rows["value"].astype(float), strict=True)) == items


def test_population_figures_keep_question_base_and_year(ds) -> None:
    rows = indicators.population_figures(ds, "Français")
    accelerateur = rows.set_index("indicator").loc["fr_alliances_accelerateur"]
    assert accelerateur["question"].startswith("Q7 : Etes-vous d'accord")
    assert accelerateur["base"] == "Ensemble : 50,2 millions de Français"


def test_published_and_unpublished_split(ds) -> None:
    rows = indicators.population_figures(ds, "Associations")
    assert set(indicators.unpublished(rows)["indicator"]) == {"assos_source_innovation_tout_a_fait"}
    assert len(indicators.published(rows)) + len(indicators.unpublished(rows)) == len(rows)


@pytest.mark.parametrize(("code", "arrivals"), [("75", ["2014-2015"]), ("93", ["2021-2022"]), ("27", []), ("FR", [])])
def test_diffusion(ds, code: str, arrivals: list[str]) -> None:
    assert indicators.diffusion(ds, code)["period"].tolist() == arrivals


def test_queries_do_not_mutate_the_dataset(ds) -> None:
    before = {name: pd.util.hash_pandas_object(frame).sum() for name, frame in ds.tables.items()}
    indicators.region_profile(ds, "52")
    indicators.map_values(ds, "silvergeek_arrivee")
    indicators.headline_figures(ds)
    assert {name: pd.util.hash_pandas_object(frame).sum() for name, frame in ds.tables.items()} == before


@pytest.mark.parametrize(
    ("indicator", "display", "year", "source"),
    [
        ("impact_innovation_maires", f"92{NB}%", "année non précisée", "web-carenews-pourquoi-alliance"),
        ("impact_innovation_dirigeants", f"84{NB}%", "année non précisée", "web-carenews-pourquoi-alliance"),
        ("impact_innovation_dirigeants_ra", f"83{NB}%", "année non précisée", "web-reseau-alliances-2025"),
        ("impact_innovation_associatifs", f"97{NB}%", "année non précisée", "web-carenews-pourquoi-alliance"),
        ("prog_debats_territoriaux", "50", "année non précisée", "web-carenews-pourquoi-alliance"),
        ("entreprises_2021_pratiques_responsables", f"54{NB}%", "2021", "web-carenews-trois-dynamiques"),
        ("entreprises_2021_mecenat", f"25{NB}%", "2021", "web-carenews-trois-dynamiques"),
        ("fr_entreprises_legitimes", f"70{NB}%", "année non précisée", "web-jouer-collectif-entreprises"),
        ("fr_entreprises_efficaces", f"48{NB}%", "année non précisée", "web-jouer-collectif-entreprises"),
        ("fr_entreprises_collectivites", f"80{NB}%", "année non précisée", "web-jouer-collectif-entreprises"),
        ("elus_jouer_collectif_mandat", f"64{NB}%", "2020", "web-diner-elus-2020"),
        ("maires_utilite_coconstruction", f"92{NB}%", "2020", "web-diner-elus-2020"),
        ("fr_sortie_crise", f"81{NB}%", "2020", "web-carenews-sortie-crise"),
        ("tpe_pme_sortie_crise", f"84{NB}%", "2020", "web-carenews-sortie-crise"),
        ("fr_devoir_alliance", f"81{NB}%", "année non précisée", "web-engagement-francais"),
        ("assos_partenaires_collectivites", f"89{NB}%", "2021", "web-associations-territoires"),
        ("assos_partenaires_academiques", f"35{NB}%", "2021", "web-associations-territoires"),
        ("assos_echelle_locale", f"73{NB}%", "2021", "web-associations-territoires"),
        ("assos_echelle_regionale", f"47{NB}%", "2021", "web-associations-territoires"),
    ],
)
def test_national_figures_of_the_programme(ds, indicator: str, display: str, year: str, source: str) -> None:
    row = indicators.figure(ds, indicator)
    assert (row["display"], row["year_display"], row["source"]) == (display, year, source)


def test_figure_of_an_absent_row_is_none(ds) -> None:
    assert indicators.figure(ds, "impact_innovation_maires", "52") is None


def test_innovation_views_four_populations_both_company_readings(ds) -> None:
    rows = indicators.innovation_views(ds)
    assert list(zip(rows["item"], rows["display"], strict=True)) == [
        ("Français", f"74{NB}%"),
        ("Maires", f"92{NB}%"),
        ("Dirigeants (Le RAMEAU, 2023)", f"84{NB}%"),
        ("Dirigeants (Réseau Alliances, 2025)", f"83{NB}%"),
        ("Responsables associatifs", f"97{NB}%"),
    ]


@pytest.mark.parametrize(
    ("indicator", "names"),
    [
        ("impact_innovation_dirigeants", ("83 %", "Réseau Alliances")),
        ("impact_innovation_dirigeants_ra", ("84 %", "Le RAMEAU")),
        ("elus_jouer_collectif_mandat", ("Maires motivés par l'innovation", "2022")),
        ("maires_coconstruction_innovation", ("« Jouer collectif » durant le mandat",)),
        ("entreprises_taux_partenariat", ("37 %", "Entreprises partenaires (PHARE)")),
        ("phare_entreprises_partenariat", ("36 %", "Entreprises partenaires")),
        ("entreprises_2021_cooperation_economique", ("base non précisée",)),
    ],
)
def test_conflicting_or_doubtful_figures_carry_a_caution_naming_the_other(ds, indicator: str, names: tuple[str, ...]) -> None:
    table = indicators.figures(ds)
    rows = indicators.cautions(table[(table["indicator"] == indicator) & (table["region"] == "FR")])
    assert len(rows) == 1 and rows["note"].iloc[0].startswith("Attention :")
    assert all(name in rows["note"].iloc[0] for name in names)


def test_cautions_group_figures_that_share_a_note() -> None:
    frame = pd.DataFrame(
        {
            "label": ["A", "B", "C", "D"],
            "display": ["1 %", "2 %", "3 %", "4 %"],
            "note": ["Attention : même base", "Attention : même base", "Année non précisée.", pd.NA],
        }
    )
    assert indicators.cautions(frame).to_dict("records") == [{"figures": "A (1 %) ; B (2 %)", "note": "Attention : même base"}]
