"""Demo community anchors: about sixty across England with their evidence, three years of returns each
(some sustainable, some grant-dependent, some improving year on year), services for a dozen, one proposal
waiting for a decision and one return waiting for acceptance.

The first organisation of the demo member (`member@demo.thirdsector.example`, its administrator) is an
anchor with two accepted years, so the demo member can submit the latest year's return. Everything goes
through the services, so each record has its history; staff decisions are by `staff@demo.thirdsector.example`.
Figures come from a seeded generator, so every load is the same. Loading twice changes nothing.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation, OrganisationStatus

from ..forms.network import financial_year_now
from ..models import Anchor, Taxonomy, Weekday
from ..services.designation import designate, propose
from ..services.directory import add_opening, save_service
from ..services.returns import accept_return, submit_return

ANCHORS = 60
WITH_SERVICES = 12
STAFF = "staff@demo.thirdsector.example"
MEMBER = "member@demo.thirdsector.example"
# Profiles: how grants, reserves and the business plan move over the three years.
SUSTAINABLE, GRANT_DEPENDENT, IMPROVING = "sustainable", "grant-dependent", "improving"
PROFILES = (SUSTAINABLE, SUSTAINABLE, GRANT_DEPENDENT, IMPROVING)
SERVICES = [
    (
        "Community café",
        "A pay-as-you-feel café and warm space, run by volunteers.",
        "lgsl-food-support",
        "Pay as you feel",
    ),
    ("Advice drop-in", "Free benefits and debt advice, no appointment needed.", "lgsl-advice-benefits", ""),
    ("Youth club", "Evening sessions for young people aged 11 to 18.", "lgsl-youth-clubs", ""),
    ("Lunch club for older people", "A hot two-course lunch and company.", "lgsl-older-people-day", "£4 a meal"),
    ("Room hire", "Halls and meeting rooms for community groups and families.", "lgsl-room-hire", "From £12 an hour"),
    ("Job club", "Help with CVs, applications and interviews.", "lgsl-employment-support", ""),
]


def _evidence(organisation: Organisation) -> dict:
    place = organisation.local_authority.name if organisation.local_authority else "its neighbourhood"
    return {
        "community_led": True,
        "community_led_evidence": "Most trustees live locally and are elected by the members at the annual meeting.",
        "multi_purpose": True,
        "multi_purpose_evidence": "Runs a café, advice sessions and activities for young and old, and speaks for "
        "residents at the neighbourhood forum.",
        "local": True,
        "local_evidence": f"Based in and serving a neighbourhood of {place}.",
        "building": True,
        "building_evidence": "Holds a long lease of the community centre and manages it for local groups.",
    }


def _pounds(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _figures(profile: str, step: int, scale: float, rng: random.Random, year: int) -> dict:
    """A year's figures for a profile; `step` is 0, 1, 2 over the three years."""
    grant_share = {
        SUSTAINABLE: rng.uniform(0.2, 0.42),
        GRANT_DEPENDENT: rng.uniform(0.6, 0.85),
        IMPROVING: (0.72, 0.56, 0.38)[step] + rng.uniform(-0.03, 0.03),
    }[profile]
    reserve_months = {
        SUSTAINABLE: rng.uniform(3.5, 8),
        GRANT_DEPENDENT: rng.uniform(0.5, 2.5),
        IMPROVING: (1.5, 2.6, 3.8)[step],
    }[profile]
    income = scale * (1 + 0.05 * step)
    grants = income * grant_share
    earned = (income - grants) * rng.uniform(0.4, 0.6)
    contracts = (income - grants - earned) * 0.6
    donations = (income - grants - earned - contracts) * 0.8
    investment = income - grants - earned - contracts - donations
    spending = income * rng.uniform(0.93, 1.02)
    plan_year = {SUSTAINABLE: year - 1, GRANT_DEPENDENT: year - 4, IMPROVING: year if step == 2 else year - 4}[profile]
    return {
        "income_grants": _pounds(grants),
        "income_contracts": _pounds(contracts),
        "income_earned": _pounds(earned),
        "income_donations": _pounds(donations),
        "income_investment": _pounds(investment),
        "spending": _pounds(spending),
        "unrestricted_reserves": _pounds(spending / 12 * reserve_months),
        "assets_value": _pounds(scale * rng.uniform(1.5, 4)),
        "owns_or_manages_building": True,
        "business_plan_on": datetime.date(plan_year, 9, 1),
    }


def _organisations(member_organisation: Organisation | None) -> list[Organisation]:
    """Third sector organisations in England, one per local authority, for a spread across the country."""
    chosen = [member_organisation] if member_organisation else []
    seen = {member_organisation.local_authority_id} if member_organisation else set()
    candidates = (
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE, local_authority__gss_code__startswith="E")
        .exclude(kind__in=PUBLIC_BODY_KINDS)
        .select_related("local_authority")
        .order_by("pk")
    )
    for organisation in candidates.iterator():
        if len(chosen) > ANCHORS:
            break
        if organisation.local_authority_id in seen or organisation in chosen:
            continue
        seen.add(organisation.local_authority_id)
        chosen.append(organisation)
    return chosen


def _services(anchor: Anchor, staff: User, rng: random.Random) -> None:
    terms = {term.code: term for term in Taxonomy.objects.all()}
    organisation = anchor.organisation
    for name, description, code, fees in rng.sample(SERVICES, 2):
        service = save_service(
            anchor=anchor,
            by=staff,
            data={
                "name": name,
                "description": description,
                "status": "active",
                "fees": fees,
                "email": organisation.email,
                "phone": organisation.phone,
                "eligibility": "everyone",
                "languages": "English",
                "location_name": organisation.name,
                "address_1": organisation.address_line_1 or "The community centre",
                "city": organisation.town
                or (organisation.local_authority.name if organisation.local_authority else ""),
                "postal_code": organisation.postcode,
                "taxonomies": [terms[code]] if code in terms else [],
                "service_areas": [organisation.local_authority] if organisation.local_authority else [],
            },
        )
        for day in rng.sample([Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR], 2):
            add_opening(service=service, by=staff, byday=day, opens_at=datetime.time(10), closes_at=datetime.time(15))


@transaction.atomic
def load_network() -> None:
    if Anchor.objects.exists():
        return
    staff = User.objects.get(email=STAFF)
    member = User.objects.filter(email=MEMBER).first()
    membership = (
        member.memberships.filter(role=MembershipRole.ADMINISTRATOR)
        .select_related("organisation")
        .order_by("pk")
        .first()
        if member
        else None
    )
    member_organisation = membership.organisation if membership else None
    organisations = _organisations(member_organisation)
    rng = random.Random(6)
    latest = financial_year_now() - 1
    years = (latest - 2, latest - 1, latest)
    today = timezone.localdate()
    pending = organisations.pop()  # the last one found is left waiting for a decision
    for number, organisation in enumerate(organisations):
        designated_on = today - datetime.timedelta(days=60 + rng.randrange(600))
        anchor = propose(organisation=organisation, by=staff, evidence=_evidence(organisation), today=designated_on)
        designate(anchor=anchor, by=staff, today=designated_on)
        profile = PROFILES[number % len(PROFILES)]
        scale = rng.uniform(60_000, 600_000)
        for step, year in enumerate(years):
            is_member_latest = organisation == member_organisation and year == latest
            if is_member_latest:
                continue  # for the demo member to submit
            financial_return = submit_return(
                anchor=anchor,
                year=year,
                by=staff,
                figures=_figures(profile, step, scale, rng, year),
                today=datetime.date(year + 1, 7, 1),
            )
            awaiting = number == 1 and year == latest
            if not awaiting:
                accept_return(financial_return=financial_return, by=staff, today=datetime.date(year + 1, 8, 1))
        if number < WITH_SERVICES:
            _services(anchor, staff, rng)
    propose(organisation=pending, by=staff, evidence=_evidence(pending), today=today - datetime.timedelta(days=7))
