"""The debate's answers as a spreadsheet CSV and as a Frictionless Data Package (zip).

The CSV is for people (UTF-8 with BOM, ';', French date-time, cells a spreadsheet
would run as formulas made inert); the package is for machines (plain UTF-8 CSV,
ISO date-times, a Table Schema) and names the debate as its source: date, place,
number of participants and « non représentatif ».
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odd17.debate.rules import NOT_REPRESENTATIVE
from odd17.debate.store import Debate

CSV_ENCODING = "utf-8-sig"
CSV_SEPARATOR = ";"
COLUMNS = ("question", "reponse", "participant", "horodatage", "masquee")
try:
    LOCAL = ZoneInfo("Europe/Paris")  # the rooms are in France; the server's clock may be UTC
except ZoneInfoNotFoundError:  # no tz database on the machine: keep UTC, and say so in the column
    LOCAL = UTC


def inert(value: object) -> object:
    from odd17.exports import inert_cell  # the app's formula-injection guard (imports altair: load on use)

    return inert_cell(value)


def local_time(moment: datetime) -> str:
    """'02/12/2026 15:04:05' in the rooms' time zone."""
    return moment.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M:%S")


def french_date(moment: datetime) -> str:
    """'2 décembre 2026'."""
    from odd17.indicators import french_date as iso_french_date  # the app's one French date format

    return iso_french_date(moment.astimezone(LOCAL).date().isoformat())


def yes_no(value: object) -> str:
    return "" if value is None else ("oui" if value else "non")


def csv_bytes(rows: list[dict]) -> bytes:
    """The answers as a spreadsheet opens them: question, reponse, participant, horodatage, masquee."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [inert(row["question"]), inert(row["reponse"]), row["participant"], local_time(row["horodatage"]), yes_no(row.get("masquee"))]
        )
    return buffer.getvalue().encode(CSV_ENCODING)


def participants(rows: list[dict]) -> int:
    return len({row["participant"] for row in rows})


def source_title(debate: Debate, rows: list[dict], place: str) -> str:
    n = participants(rows)
    return (
        f"Débat « {debate.title} », {place}, {french_date(debate.created_at)} : {n} participant{'s' if n > 1 else ''}, {NOT_REPRESENTATIVE}"
    )


def plain_csv(header: list[str], lines: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(lines)
    return buffer.getvalue().encode("utf-8")


def field(name: str, kind: str, description: str, required: bool = False) -> dict:
    out = {"name": name, "type": kind, "description": description}
    return out | ({"constraints": {"required": True}} if required else {})


def descriptor(debate: Debate, rows: list[dict], place: str) -> dict:
    title = source_title(debate, rows, place)
    answers_schema = {
        "fields": [
            field("question", "string", "identifiant de la question (voir questions.csv)", True),
            field("reponse", "string", "réponse choisie ou texte libre"),
            field("participant", "integer", "numéro anonyme d'un appareil dans ce débat", True),
            field("horodatage", "datetime", "dernière réponse de l'appareil (UTC)", True),
            field("masquee", "boolean", "texte libre masqué par l'animateur (vide pour une réponse à choix)"),
        ],
        "foreignKeys": [{"fields": "question", "reference": {"resource": "questions", "fields": "id"}}],
    }
    questions_schema = {
        "fields": [
            field("id", "string", "identifiant", True),
            field("ordre", "integer", "ordre dans le débat", True),
            field("type", "string", "choice (réponses proposées) ou open (texte libre)", True),
            field("libelle", "string", "libellé posé à la salle", True),
            field("reponses", "string", "réponses proposées, dans l'ordre, séparées par « | »"),
            field("comptees", "string", "réponses qui font le pourcentage de la salle"),
            field("indicateur", "string", "indicateur de l'étude IMPACT pour la même question"),
            field("comparable", "boolean", "même libellé et même échelle que l'étude", True),
            field("source", "string", "source du libellé (table sources du jeu de données ODD 17)"),
        ],
        "primaryKey": ["id"],
    }
    return {
        "name": f"odd17-debat-{debate.code.lower()}",
        "title": title,
        "description": f"Réponses d'une salle à des questions de l'étude IMPACT : {NOT_REPRESENTATIVE}, sans nom, sans adresse IP ; un participant est un numéro anonyme par appareil.",
        "created": debate.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": [{"title": title}],
        "resources": [
            {
                "name": "reponses",
                "path": "reponses.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": answers_schema,
            },
            {
                "name": "questions",
                "path": "questions.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": questions_schema,
            },
        ],
    }


def package_zip(debate: Debate, rows: list[dict], questions, place: str | None = None) -> bytes:
    """datapackage.json + reponses.csv + questions.csv, valid for `frictionless validate`."""
    place = place or debate.region
    answers = [
        [
            row["question"],
            row["reponse"],
            row["participant"],
            row["horodatage"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            {True: "true", False: "false"}.get(row.get("masquee"), ""),
        ]
        for row in rows
    ]
    asked = [
        [
            q.id,
            i + 1,
            q.kind,
            q.wording,
            "|".join(q.options),
            "|".join(q.counted),
            q.indicator or "",
            "true" if q.comparable else "false",
            q.source,
        ]
        for i, q in enumerate(questions)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(debate, rows, place), ensure_ascii=False, indent=2))
        archive.writestr("reponses.csv", plain_csv(["question", "reponse", "participant", "horodatage", "masquee"], answers))
        archive.writestr(
            "questions.csv",
            plain_csv(["id", "ordre", "type", "libelle", "reponses", "comptees", "indicateur", "comparable", "source"], asked),
        )
    return buffer.getvalue()
