"""The 360Giving Data Standard 1.4.3 as we ship it: its schemas, codelists and spreadsheet column titles.

The files are under `standards/360giving/` (CC BY 4.0, source in its README). Everything here is read
once per process and cached: the export maps every grant through it.
"""

import csv
import json
from functools import cache
from pathlib import Path

STANDARD_DIRECTORY = Path(__file__).resolve().parent / "standards" / "360giving"
PACKAGE_SCHEMA_FILE = STANDARD_DIRECTORY / "360-giving-package-schema.json"
GRANT_SCHEMA_FILE = STANDARD_DIRECTORY / "360-giving-schema.json"
CODELISTS = STANDARD_DIRECTORY / "codelists"
# The standard's documentation, for people reading the catalogue.
DOCUMENTATION_URL = "https://standard.threesixtygiving.org/en/1.4.3/"
# The package's `version`: the standard's major.minor.
VERSION = "1.4"


@cache
def package_schema() -> dict:
    return json.loads(PACKAGE_SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def grant_schema() -> dict:
    return json.loads(GRANT_SCHEMA_FILE.read_text(encoding="utf-8"))


def _codelist(name: str) -> list[dict[str, str]]:
    with (CODELISTS / name).open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


@cache
def geo_code_types() -> frozenset[str]:
    return frozenset(row["Code"] for row in _codelist("geoCodeType.csv"))


@cache
def _geo_code_type_by_entity() -> dict[str, str]:
    """ONS entity (the first three characters of a GSS code, like E08) to the codelist's code (MD).

    The codelist names each type's ONS statistical entity in its documentation URL, so the type of a
    GSS code is read from the code itself rather than from our own names for kinds of council.
    """
    return {
        row["Documentation (URL)"].rstrip("/").rsplit("/", 1)[-1]: row["Code"] for row in _codelist("geoCodeType.csv")
    }


def geo_code_type_for(gss_code: str) -> str | None:
    """The codelist's geoCodeType for an ONS GSS code (E08000035 is MD), or None for one it does not list."""
    return _geo_code_type_by_entity().get((gss_code or "")[:3])


@cache
def regrant_types() -> frozenset[str]:
    return frozenset(row["Code"] for row in _codelist("regrantType.csv"))


def column_title(path: tuple[str, ...]) -> str:
    """flatten-tool's "titles" heading for a field, like ("recipientOrganization", "id") -> "Recipient Org:Identifier".

    Read from the schema's own titles, so the headings are the standard's, not ours.
    """
    schema = grant_schema()
    node = schema
    titles = []
    for key in path:
        field = _resolve(schema, node["properties"][key])
        titles.append(field["title"])
        node = _resolve(schema, field["items"]) if field.get("type") == "array" and "items" in field else field
    return ":".join(titles)


def _resolve(schema: dict, node: dict) -> dict:
    """A `#/$defs/...` reference replaced by what it names, keeping any title set beside it."""
    if "$ref" not in node:
        return node
    target = schema
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}
