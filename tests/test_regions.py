"""Region codes from the URL, names and picker order."""

import pytest

from odd17.regions import FRANCE, RegionChoice, for_region, in_region, names, of_region, options, parse_region, to_region, with_article

KNOWN = {"11", "52", "75", "04"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, RegionChoice("FR")),
        ("", RegionChoice("FR")),
        ([], RegionChoice("FR")),
        ("75", RegionChoice("75")),
        (" 75 ", RegionChoice("75")),
        ("fr", RegionChoice("FR")),
        ("04", RegionChoice("04")),
        (["52", "75"], RegionChoice("52", "Plusieurs régions demandées : seule la première est affichée.")),
        ("99", RegionChoice("FR", "Le code de région « 99 » n'est pas reconnu : la France entière est affichée.")),
        ("../../etc", RegionChoice("FR", "Le code de région « ../../etc » n'est pas reconnu : la France entière est affichée.")),
        ("x" * 10_000, RegionChoice("FR", f"Le code de région « {'x' * 40}… » n'est pas reconnu : la France entière est affichée.")),
    ],
)
def test_parse_region(raw, expected: RegionChoice) -> None:
    assert parse_region(raw, KNOWN) == expected


def test_names_include_france(ds) -> None:
    assert names(ds.regions)[FRANCE] == "France" and names(ds.regions)["93"] == "Provence-Alpes-Côte d'Azur"


def test_options_france_first_then_metropole_then_overseas(ds) -> None:
    codes = options(ds.regions)
    assert codes[:3] == ["FR", "84", "27"]
    assert codes[-5:] == ["01", "03", "04", "02", "06"]
    assert len(codes) == 19


GRAMMAR_TABLE = [  # code, name → (with article, in, for, of, to)
    ("FR", "France", ("la France", "en France", "pour la France", "de la France", "à la France")),
    ("11", "Île-de-France", ("l'Île-de-France", "en Île-de-France", "pour l'Île-de-France", "de l'Île-de-France", "à l'Île-de-France")),
    (
        "24",
        "Centre-Val de Loire",
        (
            "le Centre-Val de Loire",
            "en Centre-Val de Loire",
            "pour le Centre-Val de Loire",
            "du Centre-Val de Loire",
            "au Centre-Val de Loire",
        ),
    ),
    (
        "27",
        "Bourgogne-Franche-Comté",
        (
            "la Bourgogne-Franche-Comté",
            "en Bourgogne-Franche-Comté",
            "pour la Bourgogne-Franche-Comté",
            "de la Bourgogne-Franche-Comté",
            "à la Bourgogne-Franche-Comté",
        ),
    ),
    ("28", "Normandie", ("la Normandie", "en Normandie", "pour la Normandie", "de la Normandie", "à la Normandie")),
    (
        "32",
        "Hauts-de-France",
        ("les Hauts-de-France", "dans les Hauts-de-France", "pour les Hauts-de-France", "des Hauts-de-France", "aux Hauts-de-France"),
    ),
    ("44", "Grand Est", ("le Grand Est", "dans le Grand Est", "pour le Grand Est", "du Grand Est", "au Grand Est")),
    (
        "52",
        "Pays de la Loire",
        ("les Pays de la Loire", "dans les Pays de la Loire", "pour les Pays de la Loire", "des Pays de la Loire", "aux Pays de la Loire"),
    ),
    ("53", "Bretagne", ("la Bretagne", "en Bretagne", "pour la Bretagne", "de la Bretagne", "à la Bretagne")),
    (
        "75",
        "Nouvelle-Aquitaine",
        (
            "la Nouvelle-Aquitaine",
            "en Nouvelle-Aquitaine",
            "pour la Nouvelle-Aquitaine",
            "de la Nouvelle-Aquitaine",
            "à la Nouvelle-Aquitaine",
        ),
    ),
    ("76", "Occitanie", ("l'Occitanie", "en Occitanie", "pour l'Occitanie", "de l'Occitanie", "à l'Occitanie")),
    (
        "84",
        "Auvergne-Rhône-Alpes",
        (
            "l'Auvergne-Rhône-Alpes",
            "en Auvergne-Rhône-Alpes",
            "pour l'Auvergne-Rhône-Alpes",
            "de l'Auvergne-Rhône-Alpes",
            "à l'Auvergne-Rhône-Alpes",
        ),
    ),
    (
        "93",
        "Provence-Alpes-Côte d'Azur",
        (
            "la Provence-Alpes-Côte d'Azur",
            "en Provence-Alpes-Côte d'Azur",
            "pour la Provence-Alpes-Côte d'Azur",
            "de la Provence-Alpes-Côte d'Azur",
            "à la Provence-Alpes-Côte d'Azur",
        ),
    ),
    ("94", "Corse", ("la Corse", "en Corse", "pour la Corse", "de la Corse", "à la Corse")),
    ("01", "Guadeloupe", ("la Guadeloupe", "en Guadeloupe", "pour la Guadeloupe", "de la Guadeloupe", "à la Guadeloupe")),
    ("02", "Martinique", ("la Martinique", "en Martinique", "pour la Martinique", "de la Martinique", "à la Martinique")),
    ("03", "Guyane", ("la Guyane", "en Guyane", "pour la Guyane", "de la Guyane", "à la Guyane")),
    ("04", "La Réunion", ("La Réunion", "à La Réunion", "pour La Réunion", "de La Réunion", "à La Réunion")),
    ("06", "Mayotte", ("Mayotte", "à Mayotte", "pour Mayotte", "de Mayotte", "à Mayotte")),
    (
        "99",
        "Atlantide",
        ("la région Atlantide", "dans la région Atlantide", "pour la région Atlantide", "de la région Atlantide", "à la région Atlantide"),
    ),
]


@pytest.mark.parametrize(("code", "name", "expected"), GRAMMAR_TABLE, ids=[row[0] for row in GRAMMAR_TABLE])
def test_region_names_in_a_french_sentence(code: str, name: str, expected: tuple[str, ...]) -> None:
    forms = (with_article(code, name), in_region(code, name), for_region(code, name), of_region(code, name), to_region(code, name))
    assert forms == expected


def test_every_region_of_the_dataset_has_its_grammar(ds) -> None:
    table = {code: name for code, name, _ in GRAMMAR_TABLE}
    assert all(table.get(code) == name for code, name in zip(ds.regions["code"], ds.regions["name"], strict=True))
