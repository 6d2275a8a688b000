"""Reference data the register ships with, loaded by data migrations.

Functions take the model classes as arguments so migrations can pass their historical models.
"""

import csv
from datetime import date
from pathlib import Path

LOCAL_AUTHORITIES_CSV = Path(__file__).parent / "data" / "uk-local-authorities.csv"

ENGLISH_REGIONS = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
}

POLICY_AREAS = {
    "community-cohesion": "Community cohesion",
    "community-empowerment": "Community empowerment",
    "community-safety": "Community safety",
    "equalities": "Equalities and social justice",
    "homelessness": "Homelessness",
    "housing": "Housing and tenant engagement",
    "local-government": "Local government",
    "neighbourhood-renewal": "Neighbourhood renewal",
    "regeneration": "Regeneration",
    "social-enterprise": "Social enterprise",
    "supporting-people": "Supporting People",
    "volunteering": "Volunteering",
    "environment": "Environment",
    "faith": "Faith communities",
    "older-people": "Older people",
    "young-people": "Children and young people",
    "health": "Health and wellbeing",
    "advice": "Advice and advocacy",
    "arts-heritage": "Arts, culture and heritage",
    "sport": "Sport and recreation",
}

CHARACTERISTICS = {
    "bme-led": "BME-led",
    "user-led": "User-led",
    "women-led": "Women-led",
    "disabled-peoples-organisation": "Disabled people's organisation",
    "faith-based": "Faith-based",
}


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_areas(Area) -> None:
    """Creates the English regions and every local authority, then links parents and successors."""
    regions = {
        name: Area.objects.update_or_create(
            gss_code=code,
            defaults={"name": name, "official_name": name, "area_type": "RGN", "nation": "England"},
        )[0]
        for name, code in ENGLISH_REGIONS.items()
    }
    with LOCAL_AUTHORITIES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {}
    for row in rows:
        population = row["pop-2020"]
        area, _ = Area.objects.update_or_create(
            register_code=row["local-authority-code"],
            defaults={
                "gss_code": row["gss-code"] or None,
                "name": row["nice-name"],
                "official_name": row["official-name"],
                "area_type": row["local-authority-type"],
                "nation": row["nation"],
                "start_date": _date(row["start-date"]),
                "end_date": _date(row["end-date"]),
                "population": int(float(population)) if population else None,
                "latitude": float(row["lat"]) if row["lat"] else None,
                "longitude": float(row["long"]) if row["long"] else None,
                "is_current": row["current-authority"] == "True",
            },
        )
        by_code[row["local-authority-code"]] = area
    for row in rows:
        area = by_code[row["local-authority-code"]]
        parent = by_code.get(row["county-la"]) or regions.get(row["region"])
        if parent is not None and area.parent_id != parent.pk:
            area.parent = parent
            area.save(update_fields=["parent"])
        successors = [by_code[code] for code in row["replaced-by"].split(",") if code in by_code]
        if successors:
            area.replaced_by.set(successors)


def load_vocabularies(PolicyArea, Characteristic) -> None:
    for slug, name in POLICY_AREAS.items():
        PolicyArea.objects.update_or_create(slug=slug, defaults={"name": name})
    for slug, name in CHARACTERISTICS.items():
        Characteristic.objects.update_or_create(slug=slug, defaults={"name": name})
