"""Demo commissioning: plans from five councils (Leeds City Council's by its demo officer,
`council@demo.thirdsector.example`) with the involvement that shaped them, 40 contract and grant
opportunities with lots, interest from local organisations, and bids — some by consortia of small
organisations under a lead.

Leeds's first plan goes through the services, so its history shows the officer's steps; the rest is
written with `bulk_create_with_history` for speed, in states the workflows could have reached. A seeded
generator makes every load the same; a second load adds nothing.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from thirdsector.accounts.models import User
from thirdsector.core.workflow import take
from thirdsector.register.models import Organisation, OrganisationKind, OrganisationStatus, PolicyArea

from ..models import (
    ActivityKind,
    Bid,
    BidStatus,
    CommissioningPlan,
    Consortium,
    ConsortiumMember,
    Interest,
    InvolvementActivity,
    Lot,
    MemberStatus,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PlanStatus,
)
from ..services.involvement import record_activity
from ..services.plans import create_plan

COUNCILS = 5
OPPORTUNITIES_PER_COUNCIL = 8
SECTOR_KINDS = (
    OrganisationKind.REGISTERED_CHARITY,
    OrganisationKind.CIO,
    OrganisationKind.CIC,
    OrganisationKind.COMMUNITY_GROUP,
    OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE,
)
SERVICES = [
    ("Community mental health support", "Fewer people reach crisis; more recover close to home"),
    ("Advice on debt, benefits and housing", "Fewer evictions; more people claim what they are owed"),
    ("Support for carers", "Carers get a break and stay in work"),
    ("Youth services in the evenings", "Young people have safe places and trusted adults"),
    ("Befriending for older people", "Fewer older people are lonely or isolated"),
    ("Domestic abuse refuge and outreach", "Survivors are safe and rebuild their lives"),
]
ACTIVITIES = [
    (ActivityKind.EVENT, "Open market-warming event", "Providers asked for longer agreements and payment in advance"),
    (ActivityKind.CO_DESIGN, "Co-design sessions with people who use the service", "People want evening opening"),
    (ActivityKind.SURVEY, "Online and paper survey of residents", "Most respondents wanted services in their ward"),
    (ActivityKind.FOCUS_GROUP, "Focus group with small community groups", "Lots were too large for small groups"),
]
CHANGES = [
    "Agreements lengthened from two years to three, with payment quarterly in advance.",
    "Evening and Saturday opening added to the specification.",
    "The service split into three area lots so small groups can bid.",
    "A grant strand added alongside the contract for groups of under £100,000 a year.",
]


def _today() -> datetime.date:
    return timezone.localdate()


def _councils() -> list[Organisation]:
    councils = list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, local_authority__isnull=False)
        .select_related("local_authority")
        .order_by("name", "id")
    )
    leeds = [council for council in councils if council.local_authority.gss_code == "E08000035"]
    others = [council for council in councils if council not in leeds]
    return (leeds + others)[:COUNCILS]


def _local_organisations(council: Organisation) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            local_authority_id=council.local_authority_id, kind__in=SECTOR_KINDS, status=OrganisationStatus.ACTIVE
        ).order_by("latest_income", "id")[:30]
    )


def _leeds_plan(council: Organisation, officer: User, policy_area: PolicyArea, organisations: list) -> None:
    """One plan taken through the real services and workflow by the Leeds officer."""
    today = _today()
    plan = create_plan(
        commissioner=council,
        title="Peer-led mental health support in Leeds",
        service_area=policy_area,
        outcomes_sought="Fewer people reach crisis; more recover close to home, with peer support.",
        needs_evidence="The joint strategic needs assessment shows crisis admissions up 30% in the inner wards.",
        estimated_value=Decimal("1800000.00"),
        duration_months=48,
        areas=[council.local_authority],
        involvement_closes_on=today + datetime.timedelta(weeks=6),
        procurement_starts_on=today + datetime.timedelta(weeks=10),
        service_starts_on=today + datetime.timedelta(weeks=36),
        by=officer,
    )
    take(plan, "publish", by=officer, reason="Shared with the sector and service users")
    record_activity(
        plan=plan,
        kind=ActivityKind.CO_DESIGN,
        title="Co-design with people who use mental health services",
        held_on=today,
        organisations=organisations[:3],
        service_users=18,
        community_members=6,
        summary="People wanted peer workers and somewhere to go in the evenings.",
        what_changed="Peer support workers and evening opening written into the outcomes.",
        by=officer,
    )


def _plans(councils, officer, policy_areas, rng) -> list[CommissioningPlan]:
    today = _today()
    plans = []
    for index, council in enumerate(councils):
        for number, (service, outcome) in enumerate(rng.sample(SERVICES, 3)):
            fixed = number == 0
            closes = today - datetime.timedelta(days=30) if fixed else today + datetime.timedelta(days=20 + number * 7)
            plans.append(
                CommissioningPlan(
                    commissioner=council,
                    title=f"{service} in {council.local_authority.name}",
                    service_area=policy_areas[(index + number) % len(policy_areas)],
                    outcomes_sought=outcome,
                    needs_evidence=f"Demand for {service.lower()} has risen by {rng.randint(10, 45)}% in three years.",
                    estimated_value=Decimal(rng.randrange(150, 2500) * 1000),
                    duration_months=rng.choice([24, 36, 36, 48, 60]),
                    involvement_closes_on=closes,
                    specification_fixed_on=closes + datetime.timedelta(days=7) if fixed else None,
                    status=PlanStatus.SPECIFICATION_FIXED if fixed else PlanStatus.PUBLISHED,
                    published_on=closes - datetime.timedelta(weeks=8),
                    created_by=officer if index == 0 else None,
                )
            )
    plans = bulk_create_with_history(plans, CommissioningPlan, default_user=officer, default_change_reason="Demo")
    through = CommissioningPlan.areas.through
    through.objects.bulk_create(
        through(commissioningplan_id=plan.pk, area_id=plan.commissioner.local_authority_id) for plan in plans
    )
    return plans


def _activities(plans, organisations_by_council, rng) -> None:
    activities, chosen = [], []
    for plan in plans:
        for number in range(rng.randint(1, 3)):
            kind, title, heard = ACTIVITIES[(plan.pk + number) % len(ACTIVITIES)]
            activities.append(
                InvolvementActivity(
                    plan=plan,
                    kind=kind,
                    title=title,
                    held_on=plan.involvement_closes_on - datetime.timedelta(days=14 * (number + 1)),
                    service_users=rng.randint(0, 40),
                    community_members=rng.randint(0, 25),
                    summary=heard,
                    what_changed=CHANGES[(plan.pk + number) % len(CHANGES)] if number == 0 else "",
                )
            )
            local = organisations_by_council[plan.commissioner_id]
            chosen.append(rng.sample(local, min(len(local), rng.randint(1, 4))))
    activities = bulk_create_with_history(activities, InvolvementActivity, default_change_reason="Demo")
    through = InvolvementActivity.organisations.through
    through.objects.bulk_create(
        through(involvementactivity_id=activity.pk, organisation_id=organisation.pk)
        for activity, organisations in zip(activities, chosen, strict=True)
        for organisation in organisations
    )


def _opportunities(councils, plans, policy_areas, officer, rng) -> list[Opportunity]:
    today = _today()
    plans_by_council = {}
    for plan in plans:
        plans_by_council.setdefault(plan.commissioner_id, []).append(plan)
    opportunities = []
    for index, council in enumerate(councils):
        for number in range(OPPORTUNITIES_PER_COUNCIL):
            plan = plans_by_council[council.pk][number % 3] if number < 5 else None
            kind = OpportunityKind.GRANT if number % 3 == 2 else OpportunityKind.CONTRACT
            state = [OpportunityStatus.OPEN] * 5 + [OpportunityStatus.CLOSED] * 2 + [OpportunityStatus.DRAFT]
            status = state[number]
            closes = today + datetime.timedelta(days=rng.randint(7, 60))
            if status == OpportunityStatus.CLOSED:
                closes = today - datetime.timedelta(days=rng.randint(3, 40))
            service = plan.title if plan else f"{rng.choice(SERVICES)[0]} grants in {council.local_authority.name}"
            opportunities.append(
                Opportunity(
                    plan=plan,
                    commissioner=council,
                    title=service if kind == OpportunityKind.CONTRACT else f"Grants: {service}",
                    description=f"{'Grants' if kind == OpportunityKind.GRANT else 'A contract'} for {service.lower()}.",
                    kind=kind,
                    policy_area=plan.service_area if plan else policy_areas[(index + number) % len(policy_areas)],
                    length_months=rng.choice([12, 24, 36, 36, 48]),
                    payment_in_advance=rng.random() < 0.5 or kind == OpportunityKind.GRANT,
                    full_cost_recovery=rng.random() < 0.6,
                    social_value_weighting=rng.choice([0, 10, 15, 20]) if kind == OpportunityKind.CONTRACT else 0,
                    opens_on=min(today, closes) - datetime.timedelta(weeks=6),
                    closes_on=closes,
                    status=status,
                    created_by=officer if index == 0 else None,
                )
            )
    opportunities = bulk_create_with_history(opportunities, Opportunity, default_change_reason="Demo")
    through = Opportunity.areas.through
    rows = []
    for opportunity in opportunities:
        area = opportunity.commissioner.local_authority
        # Some grant schemes cover the whole region the council is in.
        covers = area.parent_id if opportunity.kind == OpportunityKind.GRANT and area.parent_id else area.pk
        rows.append(through(opportunity_id=opportunity.pk, area_id=covers))
    through.objects.bulk_create(rows)
    return opportunities


def _lots(opportunities, rng) -> list[Lot]:
    lots = []
    areas = ["North", "South", "East", "West", "City centre"]
    for opportunity in opportunities:
        for number in range(1, rng.randint(1, 3) + 1):
            lots.append(
                Lot(
                    opportunity=opportunity,
                    number=number,
                    title=f"{areas[(opportunity.pk + number) % len(areas)]} of the area",
                    value=Decimal(rng.randrange(20, 600) * 1000),
                )
            )
    return bulk_create_with_history(lots, Lot, default_change_reason="Demo")


def _interest(opportunities, organisations_by_council, rng) -> None:
    rows = []
    for opportunity in opportunities:
        if opportunity.status == OpportunityStatus.DRAFT:
            continue
        local = organisations_by_council[opportunity.commissioner_id]
        for organisation in rng.sample(local, min(len(local), rng.randint(1, 5))):
            rows.append(Interest(opportunity=opportunity, organisation=organisation, note=""))
    bulk_create_with_history(rows, Interest, default_change_reason="Demo")


def _consortia_and_bids(councils, lots, organisations_by_council, rng) -> None:
    """Two consortia of small organisations per council for the first three councils, and their bids."""
    now = timezone.now()
    consortia, memberships, bids = [], [], []
    for council in councils[:3]:
        small = organisations_by_council[council.pk][:9]
        for number in range(2):
            group = small[number * 3 : number * 3 + 3]
            if len(group) < 3:
                continue
            consortium = Consortium(
                name=f"{council.local_authority.name} Community Partnership {number + 1}", lead=group[0]
            )
            consortia.append((consortium, group))
    created = bulk_create_with_history([c for c, _ in consortia], Consortium, default_change_reason="Demo")
    for consortium, (_, group) in zip(created, consortia, strict=True):
        for organisation in group[1:]:
            memberships.append(
                ConsortiumMember(
                    consortium=consortium, organisation=organisation, status=MemberStatus.CONFIRMED, answered_at=now
                )
            )
    bulk_create_with_history(memberships, ConsortiumMember, default_change_reason="Demo")
    consortia_by_council = {}
    for consortium in created:
        consortia_by_council.setdefault(consortium.lead.local_authority_id, []).append(consortium)
    for lot in lots:
        opportunity = lot.opportunity
        if opportunity.status not in (OpportunityStatus.OPEN, OpportunityStatus.CLOSED):
            continue
        for consortium in consortia_by_council.get(opportunity.commissioner.local_authority_id, []):
            if rng.random() < 0.6:
                bids.append(_bid(lot, consortium.lead, consortium, rng, now))
        local = organisations_by_council[opportunity.commissioner_id][9:]
        for organisation in rng.sample(local, min(len(local), rng.randint(0, 2))):
            bids.append(_bid(lot, organisation, None, rng, now))
    bulk_create_with_history(bids, Bid, default_change_reason="Demo")


def _bid(lot: Lot, organisation: Organisation, consortium, rng, now) -> Bid:
    return Bid(
        lot=lot,
        organisation=organisation,
        consortium=consortium,
        price=(lot.value * Decimal(rng.randint(85, 100)) / 100).quantize(Decimal("0.01")),
        summary="Delivered by local staff and volunteers, with the people who use the service on our steering group.",
        status=BidStatus.SUBMITTED,
        submitted_at=now,
    )


@transaction.atomic
def load_plans() -> None:
    if CommissioningPlan.objects.exists():
        return
    councils = _councils()
    policy_areas = list(PolicyArea.objects.order_by("id"))
    if not councils or not policy_areas:
        return
    rng = random.Random(8)
    officer = User.objects.filter(email="council@demo.thirdsector.example").first()
    organisations_by_council = {council.pk: _local_organisations(council) for council in councils}
    leeds = councils[0]
    if officer is not None and leeds.local_authority.gss_code == "E08000035":
        _leeds_plan(leeds, officer, policy_areas[0], organisations_by_council[leeds.pk])
    plans = _plans(councils, officer, policy_areas, rng)
    _activities(plans, organisations_by_council, rng)
    opportunities = _opportunities(councils, plans, policy_areas, officer, rng)
    lots = _lots(opportunities, rng)
    _interest(opportunities, organisations_by_council, rng)
    _consortia_and_bids(councils, lots, organisations_by_council, rng)
