"""Deterministic demo organisations over real local authorities, for `make run`.

The same seed gives the same register every time, so demo sign-ins, screenshots and the README's
examples stay true. Names and numbers are made up.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .models import Area, Characteristic, Identifier, Organisation, OrganisationKind, PolicyArea
from .normalise import normalise_name
from .size_bands import size_band_for

SEED = 2026
DEMO_REASON = "Demo data"

_FIRST = [
    "Community",
    "Neighbours",
    "Tenants",
    "Youth",
    "Elders",
    "Carers",
    "Women's",
    "Refugee",
    "Food",
    "Arts",
    "Heritage",
    "Green Spaces",
    "Advice",
    "Wellbeing",
    "Sports",
    "Faith",
    "Family",
    "Deaf",
    "Disability",
    "Learning",
    "Allotment",
    "Credit Union",
    "Mental Health",
    "Men's Shed",
]
_LAST = [
    "Association",
    "Trust",
    "Partnership",
    "Network",
    "Centre",
    "Forum",
    "Project",
    "Collective",
    "Alliance",
    "Club",
    "Group",
    "Action",
    "Foundation",
    "Hub",
    "Society",
]
_STREETS = [
    "High Street",
    "Church Lane",
    "Station Road",
    "Mill Street",
    "Park Road",
    "Victoria Road",
    "Market Place",
    "King Street",
    "Queen Street",
    "Chapel Street",
]
_ACTIVITIES = [
    "Runs a weekly lunch club and befriending for older people.",
    "Provides advice on housing, debt and benefits.",
    "Supports tenants to have a say in how their homes are managed.",
    "Brings neighbours together to look after local green spaces.",
    "Offers English classes and a drop-in for refugees and asylum seekers.",
    "Runs youth clubs and holiday activities for young people.",
    "Runs a food bank and community pantry.",
]
_KIND_WEIGHTS = [
    (OrganisationKind.REGISTERED_CHARITY, 40),
    (OrganisationKind.CIO, 15),
    (OrganisationKind.COMMUNITY_GROUP, 20),
    (OrganisationKind.CIC, 7),
    (OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE, 6),
    (OrganisationKind.COMMUNITY_BENEFIT_SOCIETY, 4),
    (OrganisationKind.FAITH_GROUP, 6),
    (OrganisationKind.OTHER, 2),
]
# Demo postcodes by nation, so addresses look right for their council.
_POSTCODE_AREAS = {
    "England": ["LS", "M", "B", "S", "NE", "L", "BS", "NG", "SE", "N"],
    "Scotland": ["G", "EH"],
    "Wales": ["CF", "SA"],
    "Northern Ireland": ["BT"],
}


def _income(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.08:
        return None
    return Decimal(int(10 ** rng.uniform(2.5, 7.6)))


def _postcode(rng: random.Random, nation: str) -> str:
    area = rng.choice(_POSTCODE_AREAS.get(nation, ["LS"]))
    unit = "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
    return f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{unit}"


@transaction.atomic
def load_organisations(*, count: int = 3000, by=None) -> list[Organisation]:
    rng = random.Random(SEED)
    councils = list(Area.objects.filter(is_current=True).exclude(area_type__in=["COMB", "SRA"]).order_by("gss_code"))
    policy_areas = list(PolicyArea.objects.order_by("slug"))
    characteristics = {c.slug: c for c in Characteristic.objects.all()}
    kinds, weights = zip(*_KIND_WEIGHTS, strict=True)

    organisations: list[Organisation] = []
    identifiers: list[tuple[int, str, str]] = []
    for council in councils:
        if council.nation == "England" and council.register_code:
            organisations.append(_council(council))
            identifiers.append((len(organisations) - 1, "GB-LAE", council.register_code))
    organisations.append(
        _public_body("Department for Communities and Local Government", OrganisationKind.GOVERNMENT_DEPARTMENT)
    )
    identifiers.append((len(organisations) - 1, "GB-GOR", "D4"))
    for name, code in [
        ("Homes and Communities Agency", "EA1001"),
        ("Community Development Foundation", "EA1002"),
    ]:
        organisations.append(_public_body(name, OrganisationKind.NDPB))
        identifiers.append((len(organisations) - 1, "GB-GOR", code))

    used_names: set[str] = set()
    for number in range(count):
        council = rng.choice(councils)
        kind = rng.choices(kinds, weights)[0]
        name = f"{council.name} {rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in used_names:
            name = f"{name} {number}"
        used_names.add(name)
        income = _income(rng) if kind != OrganisationKind.COMMUNITY_GROUP else Decimal(rng.randint(200, 40000))
        organisations.append(
            Organisation(
                name=name,
                normalised_name=normalise_name(name),
                kind=kind,
                description=rng.choice(_ACTIVITIES),
                latest_income=income,
                size_band=size_band_for(income) or "",
                income_period_end=date(2026, 3, 31) if income is not None else None,
                local_authority=council,
                address_line_1=f"{rng.randint(1, 250)} {rng.choice(_STREETS)}",
                town=council.name,
                postcode=_postcode(rng, council.nation),
                website=f"https://www.demo-{number}.example.org.uk",
                email=f"hello@demo-{number}.example.org.uk",
            )
        )
        index = len(organisations) - 1
        if kind in {OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIO}:
            identifiers.append((index, "GB-CHC", str(1_000_000 + number)))
        if kind in {OrganisationKind.CIC, OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE} or (
            kind == OrganisationKind.REGISTERED_CHARITY and rng.random() < 0.3
        ):
            identifiers.append((index, "GB-COH", f"{10_000_000 + number:08d}"))
        if kind == OrganisationKind.COMMUNITY_BENEFIT_SOCIETY:
            identifiers.append((index, "GB-MPR", f"{30_000 + number}R"))

    for organisation in organisations:
        organisation._history_user = by
    created = bulk_create_with_history(
        organisations, Organisation, batch_size=500, default_change_reason=DEMO_REASON, default_user=by
    )
    seen_primary: set[int] = set()
    identifier_rows = []
    for index, scheme, value in identifiers:
        organisation = created[index]
        identifier_rows.append(
            Identifier(
                organisation=organisation,
                scheme=scheme,
                value=value,
                org_id=f"{scheme}-{value}",
                is_primary=organisation.pk not in seen_primary,
            )
        )
        seen_primary.add(organisation.pk)
    bulk_create_with_history(
        identifier_rows, Identifier, batch_size=500, default_change_reason=DEMO_REASON, default_user=by
    )
    _link_vocabularies(rng, created, policy_areas, characteristics)
    return created


def _council(area: Area) -> Organisation:
    name = area.official_name or area.name
    return Organisation(
        name=name,
        normalised_name=normalise_name(name),
        kind=OrganisationKind.LOCAL_AUTHORITY,
        local_authority=area,
        town=area.name,
        description=f"The local authority for {area.name}.",
    )


def _public_body(name: str, kind: str) -> Organisation:
    return Organisation(name=name, normalised_name=normalise_name(name), kind=kind, town="London", postcode="SW1P 4DF")


def _link_vocabularies(rng, organisations, policy_areas, characteristics) -> None:
    through_policy = Organisation.policy_areas.through
    through_characteristic = Organisation.characteristics.through
    through_area = Organisation.areas_served.through
    policy_rows, characteristic_rows, area_rows = [], [], []
    for organisation in organisations:
        if organisation.kind in {
            OrganisationKind.LOCAL_AUTHORITY,
            OrganisationKind.NDPB,
            OrganisationKind.GOVERNMENT_DEPARTMENT,
        }:
            continue
        for policy_area in rng.sample(policy_areas, rng.randint(1, 3)):
            policy_rows.append(through_policy(organisation_id=organisation.pk, policyarea_id=policy_area.pk))
        for slug, share in [
            ("bme-led", 0.12),
            ("user-led", 0.1),
            ("women-led", 0.15),
            ("disabled-peoples-organisation", 0.05),
            ("faith-based", 0.08),
        ]:
            if rng.random() < share or (slug == "faith-based" and organisation.kind == OrganisationKind.FAITH_GROUP):
                characteristic_rows.append(
                    through_characteristic(organisation_id=organisation.pk, characteristic_id=characteristics[slug].pk)
                )
        area_rows.append(through_area(organisation_id=organisation.pk, area_id=organisation.local_authority_id))
    through_policy.objects.bulk_create(policy_rows, batch_size=1000)
    through_characteristic.objects.bulk_create(characteristic_rows, batch_size=1000)
    through_area.objects.bulk_create(area_rows, batch_size=1000)
