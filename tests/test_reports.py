"""Published regional reports: which one covers a region, its French date and a safe link."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from odd17 import reports
from odd17.dataset import Dataset, load, validate

OCCITANIE = "http://www.lerameau.fr/voyage-detude-en-occitanie-acte-2/"
NORMANDIE = "https://www.lerameau.fr/11eme-rapport-regional-de-lobservatoire-des-partenariats-normandie/"
BFC = "https://www.lerameau.fr/8103-2/"
PDL = "https://youmatter.world/transitions/fr/region-pays-de-loire-avance-rse-territoriale-le-rameau"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("76", [("impact-occitanie", "21 novembre 2019", "IMPACT-Territoire", OCCITANIE, "web-impact-occitanie")]),
        ("28", [("impact-normandie", "26 novembre 2020", "IMPACT-Territoire", NORMANDIE, "web-impact-normandie")]),
        ("27", [("phare-bourgogne-franche-comte", "2016", "PHARE", BFC, "web-phare-bfc")]),
        ("52", [("phare-pays-de-la-loire", "2016", "PHARE", PDL, "web-phare-pdl")]),
        ("94", []),
        ("06", []),
        ("FR", []),
    ],
)
def test_for_region(ds, code: str, expected: list[tuple[str, ...]]) -> None:
    rows = reports.for_region(ds, code)
    assert list(rows[["id", "date_display", "study", "url", "source"]].itertuples(index=False, name=None)) == expected


def test_covered_regions(ds) -> None:
    assert reports.covered_regions(ds) == ["27", "28", "52", "76"]


def test_every_report_cites_a_source_with_a_url(ds) -> None:
    sources = ds.sources.set_index("id")
    assert all(sources.loc[s, "url"].startswith(("https://", "http://")) for s in ds.reports["source"])


def with_reports(ds: Dataset, rows: list[dict]) -> Dataset:
    """The bundled dataset with its reports table replaced (for links the folder rules would refuse)."""
    frame = pd.DataFrame(rows, columns=list(ds.reports.columns), dtype=str).fillna("")
    return Dataset(path=ds.path, package=ds.package, tables={**ds.tables, "reports": frame})


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("javascript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        (" HTTPS://exemple.fr/rapport ", "HTTPS://exemple.fr/rapport"),
        ("", ""),
    ],
)
def test_only_http_links_are_kept(ds, url: str, shown: str) -> None:
    row = {
        "id": "x",
        "region": "53",
        "title": "T",
        "publisher": "P",
        "date": "2021-03",
        "url": url,
        "study": "S",
        "source": "web-programme-phare",
    }
    rows = reports.for_region(with_reports(ds, [row]), "53")
    assert (rows["url"].tolist(), rows["date_display"].tolist()) == ([shown], ["mars 2021"])


def test_none_message_gives_the_published_report_count(ds) -> None:
    message = reports.none_message(ds)
    assert message.startswith("Aucun rapport régional publié n'est référencé pour cette région")
    assert "13 rapports régionaux" in message and "Annexe 2" in message


def test_a_folder_without_the_reports_table_loads_with_none(data_copy: Path) -> None:
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "reports"]
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (data_copy / "reports.csv").unlink()
    assert validate(data_copy) == []
    assert reports.for_region(load(data_copy), "76").empty


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            OCCITANIE,
            "javascript:alert(1)",
            "reports.csv, ligne 2, colonne « url » : lien refusé « javascript:alert(1) » : seules les adresses http(s) sont acceptées",
        ),
        (
            "web-impact-occitanie",
            "web-inconnue",
            "reports.csv, ligne 2, colonne « source » : source inconnue « web-inconnue » (absente de sources.csv)",
        ),
        ("impact-occitanie,76,", "impact-occitanie,99,", "reports.csv, ligne 2, colonne « region » : code de région inconnu « 99 »"),
    ],
)
def test_the_check_refuses_a_bad_report(data_copy: Path, old: str, new: str, expected: str) -> None:
    path = data_copy / "reports.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert expected in [str(p) for p in validate(data_copy)]
