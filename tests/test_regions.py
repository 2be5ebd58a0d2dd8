"""Region codes from the URL, names and picker order."""

import pytest

from odd17.regions import FRANCE, RegionChoice, names, options, parse_region

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
