"""Demo local partnerships: an LSP and an LAA for Leeds and ten other councils, three years of funding-practice
returns each, and a log of how each council informed, consulted and involved people.

Leeds City Council's records are written by its demo officer (`council@demo.thirdsector.example`, who
administers the council's record); the others by nobody in particular. Everything goes through the services,
so each record has its history. Figures come from a seeded generator, so every load is the same.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from thirdsector.accounts.models import User
from thirdsector.register.models import Organisation, OrganisationKind

from ..models import LocalStrategicPartnership, NationalIndicator
from ..services.local import (
    add_partnership_member,
    add_target,
    file_funding_return,
    log_engagement,
    save_partnership,
    start_agreement,
)

COUNCILS = 11
YEARS = (2023, 2024, 2025)
THIRD_SECTOR_KINDS = (
    OrganisationKind.REGISTERED_CHARITY,
    OrganisationKind.CIO,
    OrganisationKind.COMMUNITY_GROUP,
    OrganisationKind.CIC,
)
TARGETS = [
    (
        6,
        "Raise regular volunteering from 23% to 27% of adults",
        "The volunteer centre runs the recruitment drive",
        "leading",
    ),
    (
        7,
        "Improve the local environment for the sector by 5 points",
        "The sector's forum sets the action plan",
        "leading",
    ),
    (
        4,
        "More people feel they can influence local decisions (from 28% to 33%)",
        "Residents' groups run ward forums",
        "involved",
    ),
    (
        1,
        "People from different backgrounds get on well: up 4 points",
        "Faith and BME-led groups deliver events",
        "involved",
    ),
    (110, "More young people in positive activities", "Youth clubs deliver half the programme", "involved"),
    (141, "More vulnerable people living independently", "Housing charities hold the contracts", "consulted"),
    (186, "Cut CO2 emissions per head by 11%", "Community energy groups are consulted on the plan", "consulted"),
    (152, "Fewer working-age people on out of work benefits", "Informed through the partnership board", "informed"),
]
ENGAGEMENT = [
    (
        20,
        "Budget priorities for next year",
        "consult",
        "Residents' panel, voluntary sector forum, tenants' groups",
        "Youth services protected from cuts",
    ),
    (
        75,
        "Closing a day centre",
        "involve",
        "Day centre users, carers' groups, disability forum",
        "Hours reduced instead of closing; users help run it",
    ),
    (130, "New library opening hours", "inform", "Library users, friends of libraries groups", ""),
    (
        200,
        "Community chest for small groups",
        "devolve",
        "Ward committees and community groups",
        "Ward committees decide the grants",
    ),
]


def _councils() -> list[Organisation]:
    """Leeds first, then the first ten other councils by record."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    leeds = councils.filter(local_authority__gss_code="E08000035").first()
    others = list(councils.exclude(pk=getattr(leeds, "pk", None)).order_by("pk")[: COUNCILS - 1])
    return [council for council in [leeds, *others] if council is not None]


def _officer(council: Organisation) -> User | None:
    officer = User.objects.filter(email="council@demo.thirdsector.example").first()
    if officer is not None and officer.memberships.filter(organisation=council).exists():
        return officer
    return None


def _money(value: float) -> Decimal:
    return Decimal(round(value / 100) * 100).quantize(Decimal("0.01"))


def _partnership(council: Organisation, rng: random.Random, by) -> None:
    compact = rng.random() < 0.7
    partnership = save_partnership(
        council=council,
        name=f"{council.local_authority.name if council.local_authority else council.name} Partnership",
        third_sector_board_seats=rng.randint(1, 5),
        third_sector_theme_group_seats=rng.randint(2, 12),
        supporting_body=f"Voluntary Action {council.local_authority.name if council.local_authority else ''}".strip(),
        local_compact=compact,
        local_compact_signed_on=datetime.date(rng.randint(2001, 2008), rng.randint(1, 12), 1) if compact else None,
        by=by,
    )
    add_partnership_member(partnership=partnership, organisation=council, sector="council", by=by)
    local_groups = Organisation.objects.filter(local_authority=council.local_authority, kind__in=THIRD_SECTOR_KINDS)
    for organisation in local_groups.order_by("pk")[: rng.randint(2, 5)]:
        add_partnership_member(partnership=partnership, organisation=organisation, sector="third_sector", by=by)
    agreement = start_agreement(partnership=partnership, starts_on=datetime.date(2008, 4, 1), by=by)
    indicators = {indicator.number: indicator for indicator in NationalIndicator.objects.all()}
    for number, target, involvement, level in TARGETS[: rng.randint(4, len(TARGETS))]:
        if number in indicators:
            add_target(
                agreement=agreement,
                indicator=indicators[number],
                target=target,
                third_sector_involvement=involvement,
                involvement_level=level,
                by=by,
            )


def _funding_returns(council: Organisation, rng: random.Random, by) -> None:
    total = rng.uniform(2_000_000, 25_000_000)
    for year in YEARS:
        total *= rng.uniform(0.9, 1.08)
        grants = total * rng.uniform(0.25, 0.6)
        longer = total * rng.uniform(0.05, 0.45)
        shorter = (total - longer) * rng.uniform(0.3, 0.9)
        small = grants * rng.uniform(0.02, 0.1)
        total_money, grants_money = _money(total), _money(grants)
        file_funding_return(
            council=council,
            year=year,
            total=total_money,
            grants=grants_money,
            contracts=total_money - grants_money,
            three_years_or_more=_money(longer),
            one_year_or_less=_money(shorter),
            notice_before_cuts=rng.choice(["yes", "yes", "partly", "no"]),
            payment_in_advance=rng.choice(["yes", "partly", "partly", "no"]),
            small_grants_count=int(small // 2500),
            small_grants_amount=_money(small),
            by=by,
        )


def _engagement(council: Organisation, rng: random.Random, by) -> None:
    today = datetime.date.today()
    for days_ago, decision, kind, groups, outcome in ENGAGEMENT:
        log_engagement(
            council=council,
            happened_on=today - datetime.timedelta(days=days_ago + rng.randint(0, 10)),
            decision=decision,
            kind=kind,
            groups_reached=groups,
            groups_reached_count=rng.randint(3, 40),
            outcome=outcome,
            by=by,
        )


@transaction.atomic
def load_local() -> None:
    if LocalStrategicPartnership.objects.exists():
        return
    for council in _councils():
        rng = random.Random(f"local-{council.name}")
        by = _officer(council)
        _partnership(council, rng, by)
        _funding_returns(council, rng, by)
        _engagement(council, rng, by)
