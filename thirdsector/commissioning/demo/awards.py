"""Demo awards: a year of contracts and grants from Leeds and ten other councils, and their decisions.

Runs after the plans work's `load_plans`: a closed demo opportunity with submitted bids has each lot awarded
to its best-priced bid through the award step (bids marked, history kept), by an officer who commissions for
that council. The rest (several hundred awards, across size bands, kinds and lengths, to the register's
third sector organisations and some companies) are bulk-created with their history, as recorded by hand,
over the twelve months to today, so this financial year and the last both have figures. About half the
decisions had service users or community members involved. A seeded generator makes every load the same.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from thirdsector.accounts.models import User
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.models import Organisation, OrganisationKind, OrganisationStatus

from ..models import (
    BidStatus,
    CommissioningDecision,
    ContractAward,
    DecisionInvolvement,
    InvolvedAs,
    InvolvementRole,
    Lot,
    OpportunityKind,
    OpportunityStatus,
    commissions_for,
)
from ..services.awards import BME_LED, THIRD_SECTOR_KINDS, USER_LED, award_lot

COUNCILS = 11
AWARDS_PER_COUNCIL = 40
DECISIONS_PER_COUNCIL = 12
# Lengths in months an award may run for, weighted towards the Compact's three years.
LENGTHS = [(6, 1), (12, 4), (24, 2), (36, 4), (48, 1), (60, 1)]
VIEWS = [
    "The service must be open in the evenings, when carers can get there.",
    "Small local groups know the estates best; the lots made it possible for them to bid.",
    "I would have liked more time to read the bids, but the panel listened.",
    "Ask people who use the service how it is going, not only the numbers.",
]


def _councils() -> list[Organisation]:
    """Leeds first, then the first ten other councils by record."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    leeds = councils.filter(local_authority__gss_code="E08000035").first()
    others = list(councils.exclude(pk=getattr(leeds, "pk", None)).order_by("pk")[: COUNCILS - 1])
    return [council for council in [leeds, *others] if council is not None]


def _officer(commissioner_id: int) -> User | None:
    for user in User.objects.filter(memberships__organisation_id=commissioner_id).order_by("pk"):
        if commissions_for(user, commissioner_id):
            return user
    return None


def _award_closed_lots(today: datetime.date) -> None:
    """Each closed opportunity's lots to their lowest-priced submitted bid, through the award step."""
    lots = Lot.objects.filter(
        opportunity__status=OpportunityStatus.CLOSED, awards__isnull=True, bids__status=BidStatus.SUBMITTED
    ).select_related("opportunity__commissioner")
    for lot in lots.distinct().order_by("pk"):
        officer = _officer(lot.opportunity.commissioner_id)
        bid = lot.bids.filter(status=BidStatus.SUBMITTED).order_by("price", "pk").first()
        if officer is None or bid is None or not lot.opportunity.bids_visible_to_commissioner:
            continue
        award_lot(
            lot=lot,
            bid=bid,
            by=officer,
            value=bid.price,
            starts_on=today + datetime.timedelta(days=30),
            awarded_on=today,
            reason="Highest score on quality and price; the panel included two service users",
        )


def _suppliers(rng: random.Random) -> list[Organisation]:
    """Third sector organisations of every size band, and a few companies, with their characteristics."""
    active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE).prefetch_related("characteristics")
    chosen = []
    for band in ["micro", "small", "medium", "large", "major", ""]:
        chosen += list(active.filter(kind__in=THIRD_SECTOR_KINDS, size_band=band).order_by("pk")[:60])
    chosen += list(active.filter(kind=OrganisationKind.OTHER).order_by("pk")[:30])
    rng.shuffle(chosen)
    return chosen


def _award(council, supplier, rng: random.Random, today: datetime.date) -> ContractAward:
    awarded_on = today - datetime.timedelta(days=rng.randint(0, 364))
    kind = OpportunityKind.GRANT if rng.random() < 0.35 else OpportunityKind.CONTRACT
    band_value = {"micro": 8000, "small": 40000, "medium": 250000, "large": 900000, "major": 2500000}
    value = Decimal(round(band_value.get(supplier.size_band, 20000) * rng.uniform(0.2, 1.2) / 100) * 100)
    slugs = {characteristic.slug for characteristic in supplier.characteristics.all()}
    lengths, weights = zip(*LENGTHS, strict=True)
    return ContractAward(
        commissioner=council,
        supplier=supplier,
        title=rng.choice(["Befriending", "Advice and advocacy", "Carers' support", "Youth work", "Food access"])
        + (" grant" if kind == OpportunityKind.GRANT else " service"),
        kind=kind,
        value=max(value, Decimal("500")),
        starts_on=awarded_on + datetime.timedelta(days=rng.choice([14, 30, 60])),
        length_months=rng.choices(lengths, weights)[0],
        awarded_on=awarded_on,
        financial_year=financial_year_of(awarded_on),
        supplier_is_third_sector=supplier.kind in THIRD_SECTOR_KINDS,
        supplier_size_band=supplier.size_band,
        supplier_bme_led=BME_LED in slugs,
        supplier_user_led=USER_LED in slugs,
        published_on=awarded_on if rng.random() < 0.95 else None,
    )


def _decisions(council, rng: random.Random, today: datetime.date) -> list[CommissioningDecision]:
    decisions = []
    for number in range(DECISIONS_PER_COUNCIL):
        decided_on = today - datetime.timedelta(days=rng.randint(1, 364))
        decisions.append(
            CommissioningDecision(
                commissioner=council,
                title=rng.choice(["Award", "Fix the specification of", "Extend", "Recommission"])
                + f" the {rng.choice(['befriending', 'advice', 'carers', 'youth'])} service ({number + 1})",
                summary="Decided by the commissioning panel against the published criteria.",
                decided_on=decided_on,
                financial_year=financial_year_of(decided_on),
            )
        )
    return decisions


def _involvements(decisions: list[CommissioningDecision], rng: random.Random) -> list[DecisionInvolvement]:
    involvements = []
    for decision in decisions:
        if rng.random() < 0.5:
            continue
        for number in range(rng.randint(1, 3)):
            involvements.append(
                DecisionInvolvement(
                    decision=decision,
                    label=f"Panel member {'ABC'[number]}" if rng.random() < 0.7 else "",
                    involved_as=rng.choice(InvolvedAs.values),
                    role=rng.choice(InvolvementRole.values),
                    view=rng.choice(VIEWS),
                )
            )
    return involvements


@transaction.atomic
def load_awards() -> None:
    if ContractAward.objects.filter(lot__isnull=True).exists():
        return
    today = datetime.date.today()
    _award_closed_lots(today)
    rng = random.Random("commissioning-awards")
    suppliers = _suppliers(rng)
    if not suppliers:
        return
    awards, decisions = [], []
    for council in _councils():
        awards += [_award(council, rng.choice(suppliers), rng, today) for _ in range(AWARDS_PER_COUNCIL)]
        decisions += _decisions(council, rng, today)
    bulk_create_with_history(awards, ContractAward, batch_size=500, default_change_reason="Demo award recorded")
    decisions = bulk_create_with_history(
        decisions, CommissioningDecision, batch_size=500, default_change_reason="Demo decision recorded"
    )
    bulk_create_with_history(
        _involvements(decisions, rng), DecisionInvolvement, batch_size=500, default_change_reason="Demo involvement"
    )
