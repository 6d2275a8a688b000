"""Demo asset transfers: the Big Lottery Fund runs the Community Asset Transfer Fund for the department, and
twenty assets across Leeds (council@'s council) and three other councils stand at every stage, each step
taken through the real services by the person who would take it.

Stages: offered with no proposal; proposals in draft (with and without the council's support); submitted;
in assessment; funded with payment held until legal completion; transferred with returns, some overdue and
one asset at risk (falling use and losses two years running).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.demo import DEMO_PASSWORD
from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.funding.models import Programme
from thirdsector.funding.services.awards import add_months
from thirdsector.register.models import PUBLIC_BODY_KINDS, Identifier, Organisation, OrganisationKind

from ..models import AssetCondition, AssetType, Tenure
from ..services.assets import offer_asset
from ..services.fund import set_up_fund
from ..services.returns import save_return, take_return_step
from .stages import Cast, proposal_at

BODY_NAME = "Big Lottery Fund"
LEEDS_GSS = "E08000035"

CENTRE, LIBRARY, HALL, PUB, LAND = AssetType
GOOD, FAIR, POOR, DERELICT = AssetCondition
FREEHOLD, LEASE = Tenure

# (name, type, condition, market value, tenure, lease years, price, stage, years since completion)
ASSETS = [
    ("Holbeck Community Centre", CENTRE, POOR, 420_000, LEASE, 30, 1, "offered", 0),
    ("Armley Library", LIBRARY, FAIR, 380_000, LEASE, 25, 1, "draft", 0),
    ("Beeston Village Hall", HALL, POOR, 260_000, FREEHOLD, None, 50_000, "supported", 0),
    ("The Woodpecker Inn", PUB, DERELICT, 310_000, FREEHOLD, None, 150_000, "submitted", 0),
    ("Harehills Park Pavilion", HALL, POOR, 190_000, LEASE, 35, 1, "in_assessment", 0),
    ("Chapeltown Community Centre", CENTRE, POOR, 520_000, LEASE, 99, 1, "funded", 0),
    ("Kirkstall Forge Land", LAND, FAIR, 150_000, FREEHOLD, None, 10_000, "transferred", 0),
    ("Bramley Baths Hall", HALL, FAIR, 450_000, LEASE, 50, 1, "transferred", 2),
    ("Seacroft Library", LIBRARY, POOR, 300_000, LEASE, 30, 1, "transferred", 4),
    ("Manningham Mills Hall", HALL, POOR, 340_000, LEASE, 25, 1, "offered", 0),
    ("Little Horton Library", LIBRARY, FAIR, 280_000, LEASE, 30, 1, "draft", 0),
    ("The Fleece", PUB, POOR, 275_000, FREEHOLD, None, 120_000, "submitted", 0),
    ("Allerton Community Centre", CENTRE, FAIR, 410_000, LEASE, 40, 1, "accepted", 0),
    ("Shipley Allotment Land", LAND, GOOD, 90_000, FREEHOLD, None, 1, "offered", 0),
    ("Gipton Hall", HALL, POOR, 230_000, LEASE, 30, 1, "in_assessment", 0),
    ("Northfield Library", LIBRARY, FAIR, 330_000, LEASE, 25, 1, "transferred", 1),
    ("Old Fire Station", CENTRE, DERELICT, 600_000, LEASE, 125, 1, "funded", 0),
    ("Riverside Land", LAND, FAIR, 120_000, FREEHOLD, None, 1, "offered", 0),
    ("The Red Lion", PUB, POOR, 290_000, FREEHOLD, None, 200_000, "offered", 0),
    ("St Mark's Church Hall", HALL, FAIR, 210_000, LEASE, 30, 1, "transferred", 3),
]  # fmt: skip

# People served, income and spending each year: a healthy building, and one at risk in its third year.
HEALTHY = [(5200, 61_000, 55_000), (6100, 70_000, 63_000), (6800, 74_000, 66_000), (7000, 76_000, 70_000)]
AT_RISK = [(4800, 52_000, 50_000), (4100, 44_000, 47_000), (3500, 38_000, 45_000)]


def _person(email: str, name: str, roles=()) -> User:
    return User.objects.filter(email=email).first() or create_person(
        email=email, full_name=name, password=DEMO_PASSWORD, roles=roles
    )


def _body(by) -> Organisation:
    body = Organisation.objects.filter(name=BODY_NAME, kind=OrganisationKind.NDPB).first()
    if body is None:
        body = Organisation(name=BODY_NAME, normalised_name="big lottery fund", kind=OrganisationKind.NDPB)
        body._history_user = by
        body._change_reason = "Demo data"
        body.save()
        Identifier.objects.create(organisation=body, scheme="GB-GOR", value="PB1005", is_primary=True)
    return body


def _councils() -> list[Organisation]:
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).select_related("local_authority")
    leeds = councils.filter(local_authority__gss_code=LEEDS_GSS).first()
    others = list(councils.exclude(pk=getattr(leeds, "pk", None)).filter(local_authority__isnull=False)[:3])
    return [council for council in [leeds, *others] if council is not None]


def _officer(council: Organisation, index: int) -> User:
    if council.local_authority and council.local_authority.gss_code == LEEDS_GSS:
        officer = User.objects.get(email="council@demo.thirdsector.example")
    else:
        officer = _person(
            f"officer{index}@demo.thirdsector.example", f"Council Officer {index}", (Role.COUNCIL_OFFICER,)
        )
    add_membership(user=officer, organisation=council, role=MembershipRole.ADMINISTRATOR)
    return officer


def _proposers(count: int) -> list[tuple[Organisation, User]]:
    organisations = Organisation.objects.exclude(kind__in=[*PUBLIC_BODY_KINDS, OrganisationKind.LOCAL_FUNDER])
    chosen = list(organisations.order_by("pk")[:count])
    proposers = []
    for index, organisation in enumerate(chosen):
        person = _person(f"community{index}@demo.thirdsector.example", f"Community Trustee {index}")
        add_membership(user=person, organisation=organisation, role=MembershipRole.ADMINISTRATOR)
        proposers.append((organisation, person))
    return proposers


def _file_returns(proposal, proposer, figures) -> None:
    for row, (people, income, spending) in zip(proposal.returns.order_by("year"), figures, strict=False):
        save_return(
            post_transfer_return=row,
            by=proposer,
            hours_open_per_week=Decimal("42.0"),
            groups_using=18,
            people_served=people,
            income=Decimal(income),
            expenditure=Decimal(spending),
            condition=AssetCondition.GOOD,
        )
        take_return_step(post_transfer_return=row, step="submit", by=proposer, reason="Demo return")


@transaction.atomic
def load_transfers() -> None:
    if Programme.objects.filter(slug=settings.ASSETS_FUND_PROGRAMME_SLUG).exists():
        return
    staff = User.objects.get(email="staff@demo.thirdsector.example")
    funder = User.objects.get(email="funder@demo.thirdsector.example")
    assessor = User.objects.get(email="assessor@demo.thirdsector.example")
    body = _body(staff)
    add_membership(user=funder, organisation=body, role=MembershipRole.EDITOR)
    today = timezone.localdate()
    first = financial_year_of(today)
    set_up_fund(
        body=body,
        by=staff,
        budgets={first + offset: Decimal("10000000.00") for offset in range(3)},
        round_opens_on=today - datetime.timedelta(days=60),
        round_closes_on=today + datetime.timedelta(days=300),
    )
    councils = _councils()
    officers = [_officer(council, index) for index, council in enumerate(councils)]
    proposers = _proposers(len(ASSETS))
    for index, (name, kind, condition, value, tenure, years, price, stage, years_ago) in enumerate(ASSETS):
        which = 0 if index < 9 else 1 + index % max(1, len(councils) - 1)
        council, officer = councils[which % len(councils)], officers[which % len(councils)]
        asset = offer_asset(
            council=council,
            by=officer,
            name=name,
            asset_type=kind,
            address=f"{10 + index} High Street, {council.town or council.name}",
            postcode=council.postcode or "LS1 1UR",
            local_authority=council.local_authority,
            condition=condition,
            current_use="Closed to the public; the council keeps it wind and watertight.",
            market_value=Decimal(value),
            tenure=tenure,
            lease_years=years,
            price=Decimal(price),
        )
        if stage == "offered":
            continue
        organisation, proposer = proposers[index]
        cast = Cast(council_officer=officer, proposer=proposer, fund_administrator=funder, assessor=assessor)
        # Completed a little over `years_ago` years back, so that year's return is overdue unless filed.
        completed_on = add_months(today, -12 * years_ago) - datetime.timedelta(days=90 * bool(years_ago))
        proposal = proposal_at(
            stage,
            asset=asset,
            organisation=organisation,
            cast=cast,
            amount=Decimal(150_000 + 25_000 * index),
            completed_on=completed_on,
        )
        if stage == "transferred" and years_ago:
            figures = AT_RISK if years_ago == 4 else HEALTHY[: max(0, years_ago - 1)]
            _file_returns(proposal, proposer, figures)
