"""Deterministic demo organisations over real local authorities, for `make run`.

The same seed gives the same register every time, so demo sign-ins, screenshots and the README's
examples stay true. Names and numbers are made up.

`generate_organisations` and `pick_links` are the one generator of made-up organisations: the demo
uses them with `DEMO_MIX`, and the scale data for benchmarks (`scale_data.py`) with `SCALE_MIX`.
"""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import accumulate, islice

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .models import (
    PUBLIC_BODY_KINDS,
    Area,
    AreaType,
    Characteristic,
    Identifier,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    PolicyArea,
)
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


@dataclass(frozen=True)
class Mix:
    """How made-up organisations spread over places, statuses and areas served.

    The defaults are the demo's (councils drawn evenly, everyone active, each serving its own
    council), and changing them would change the demo register.
    """

    councils_by_population: bool = False
    removed_share: float = 0.0
    wider_area_share: float = 0.0
    # Made-up websites and emails are https://www.<label>-<number>.example.org.uk
    label: str = "demo"


DEMO_MIX = Mix()
# Closer to the real register: more organisations where more people live, some removed from the
# register, and some serving their county or region as well as their own council.
SCALE_MIX = Mix(councils_by_population=True, removed_share=0.05, wider_area_share=0.15, label="scale")

# Share of organisations with each characteristic; faith groups are always faith-based.
_CHARACTERISTIC_SHARES = [
    ("bme-led", 0.12),
    ("user-led", 0.1),
    ("women-led", 0.15),
    ("disabled-peoples-organisation", 0.05),
    ("faith-based", 0.08),
]


@dataclass
class GeneratedOrganisation:
    """An unsaved organisation and the identifiers (scheme, value) it holds, main one first."""

    number: int
    organisation: Organisation
    identifiers: list[tuple[str, str]] = field(default_factory=list)


def councils_to_generate_over() -> list[Area]:
    """Current councils and regions, in a fixed order (combined and strategic authorities excluded)."""
    return list(Area.objects.filter(is_current=True).exclude(area_type__in=["COMB", "SRA"]).order_by("gss_code"))


def generate_organisations(
    rng: random.Random, councils: Sequence[Area], *, first_number: int = 0, mix: Mix = DEMO_MIX
) -> Iterator[GeneratedOrganisation]:
    """Made-up third sector organisations, numbered from `first_number`, without end.

    The number makes identifiers, websites and clashing names unique, so two runs with different
    first numbers can share a database.
    """
    kinds, weights = zip(*_KIND_WEIGHTS, strict=True)
    if mix.councils_by_population:
        # Counties are left out because their districts already count their people.
        councils = [c for c in councils if c.population and c.area_type != AreaType.COUNTY]
        cumulative = list(accumulate(c.population for c in councils))
    used_names: set[str] = set()
    number = first_number
    while True:
        if mix.councils_by_population:
            council = rng.choices(councils, cum_weights=cumulative)[0]
        else:
            council = rng.choice(councils)
        kind = rng.choices(kinds, weights)[0]
        name = f"{council.name} {rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in used_names:
            name = f"{name} {number}"
        used_names.add(name)
        income = _income(rng) if kind != OrganisationKind.COMMUNITY_GROUP else Decimal(rng.randint(200, 40000))
        organisation = Organisation(
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
            website=f"https://www.{mix.label}-{number}.example.org.uk",
            email=f"hello@{mix.label}-{number}.example.org.uk",
        )
        if mix.removed_share and rng.random() < mix.removed_share:
            organisation.status = OrganisationStatus.REMOVED
            organisation.removed_on = date(2025, 3, 31)
        generated = GeneratedOrganisation(number, organisation)
        if kind in {OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIO}:
            generated.identifiers.append(("GB-CHC", str(1_000_000 + number)))
        if kind in {OrganisationKind.CIC, OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE} or (
            kind == OrganisationKind.REGISTERED_CHARITY and rng.random() < 0.3
        ):
            generated.identifiers.append(("GB-COH", f"{10_000_000 + number:08d}"))
        if kind == OrganisationKind.COMMUNITY_BENEFIT_SOCIETY:
            generated.identifiers.append(("GB-MPR", f"{30_000 + number}R"))
        yield generated
        number += 1


@dataclass(frozen=True)
class Links:
    """The rows an organisation has in its many-to-many tables, as primary keys."""

    policy_area_ids: list[int]
    characteristic_ids: list[int]
    area_ids: list[int]


def pick_links(
    rng: random.Random,
    organisation: Organisation,
    policy_areas: Sequence[PolicyArea],
    characteristics: dict[str, Characteristic],
    *,
    mix: Mix = DEMO_MIX,
) -> Links | None:
    """Policy areas, characteristics and areas served for a third sector organisation; None for public bodies."""
    if organisation.kind in PUBLIC_BODY_KINDS:
        return None
    policy_area_ids = [policy_area.pk for policy_area in rng.sample(policy_areas, rng.randint(1, 3))]
    characteristic_ids = [
        characteristics[slug].pk
        for slug, share in _CHARACTERISTIC_SHARES
        if rng.random() < share or (slug == "faith-based" and organisation.kind == OrganisationKind.FAITH_GROUP)
    ]
    area_ids = [organisation.local_authority_id]
    if mix.wider_area_share and rng.random() < mix.wider_area_share and organisation.local_authority.parent_id:
        area_ids.append(organisation.local_authority.parent_id)
    return Links(policy_area_ids, characteristic_ids, area_ids)


@transaction.atomic
def load_organisations(*, count: int = 3000, by=None) -> list[Organisation]:
    rng = random.Random(SEED)
    councils = councils_to_generate_over()
    policy_areas = list(PolicyArea.objects.order_by("slug"))
    characteristics = {c.slug: c for c in Characteristic.objects.all()}

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

    for generated in islice(generate_organisations(rng, councils), count):
        organisations.append(generated.organisation)
        identifiers.extend((len(organisations) - 1, scheme, value) for scheme, value in generated.identifiers)

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
    _add_likely_duplicates(created, by=by)
    return created


# How many organisations the demo records twice, as registers do, so staff can try the merge.
DEMO_DUPLICATES = 5


def _add_likely_duplicates(created: list[Organisation], *, by) -> None:
    """A second record, with no identifier, of a few charities: the name as a person might type it."""
    originals = [o for o in created if o.kind == OrganisationKind.REGISTERED_CHARITY and o.postcode][:DEMO_DUPLICATES]
    copies = [
        Organisation(
            name=f"The {original.name} Ltd",
            normalised_name=normalise_name(f"The {original.name} Ltd"),
            kind=original.kind,
            local_authority_id=original.local_authority_id,
            town=original.town,
            postcode=original.postcode,
        )
        for original in originals
    ]
    bulk_create_with_history(copies, Organisation, default_change_reason=DEMO_REASON, default_user=by)


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
        links = pick_links(rng, organisation, policy_areas, characteristics)
        if links is None:
            continue
        policy_rows += [
            through_policy(organisation_id=organisation.pk, policyarea_id=pk) for pk in links.policy_area_ids
        ]
        characteristic_rows += [
            through_characteristic(organisation_id=organisation.pk, characteristic_id=pk)
            for pk in links.characteristic_ids
        ]
        area_rows += [through_area(organisation_id=organisation.pk, area_id=pk) for pk in links.area_ids]
    through_policy.objects.bulk_create(policy_rows, batch_size=1000)
    through_characteristic.objects.bulk_create(characteristic_rows, batch_size=1000)
    through_area.objects.bulk_create(area_rows, batch_size=1000)
