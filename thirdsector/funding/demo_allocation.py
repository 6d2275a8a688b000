"""Demo allocation of the £80m small grants fund to a dozen local funders covering all of England.

Runs after the funding demo (it needs the department and the demo people). Every step goes through
the services staff use: a made-up deprivation dataset, clearly labelled as such, for every English
council with a population; twelve local funders; the national "Small grants fund" programme; the fund
"Small grants fund 2026"; its calculation and one adjustment with a reason by department staff, and
approval by the platform admin (a second person, as the four-eyes rule needs), which creates each local
funder's regrant award and programme. The small grants demo then runs rounds and end
grants on those programmes.
"""

import random
from decimal import Decimal

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership
from thirdsector.core.audit import attribute
from thirdsector.register.models import Area, AreaType, Organisation, OrganisationKind
from thirdsector.register.services.organisations import create_organisation

from .financial_years import financial_year_of
from .forms.regranting import councils
from .models import AllocationFund, EligibilityRules, PaymentFrequency, Programme, ProgrammeBudget
from .services import regranting
from .services.regranting import CODE_COLUMN, NAME_COLUMN, RANK_COLUMN, SCORE_COLUMN

SEED = 2026
FUND_NAME = "Small grants fund 2026"
FUND_TOTAL = Decimal("80000000")
DEMO_REASON = "Demo data"
DATASET_SOURCE = (
    "Made-up figures for the demo, in the layout of the English Indices of Deprivation 2019 local authority "
    "summaries: not real deprivation scores"
)
# A dozen local funders: each English region, the three biggest split into a northern and a southern half.
FUNDERS = {
    "North East": ["Community Foundation North East"],
    "North West": ["Cumbria and Lancashire Community Foundation", "Greater Mersey and Manchester Foundation"],
    "Yorkshire and The Humber": ["Leeds Community Foundation"],
    "East Midlands": ["East Midlands Community Foundation"],
    "West Midlands": ["Heart of England Community Foundation"],
    "East of England": ["Norfolk and Suffolk Community Foundation", "Essex and Hertfordshire Community Foundation"],
    "London": ["London Community Foundation"],
    "South East": ["Thames Valley and Kent Community Foundation", "Sussex and Hampshire Community Foundation"],
    "South West": ["South West Community Foundation"],
}
# The London funder can take no more than this, so the optimisation has a capacity to respect.
LONDON_CAPACITY = Decimal("14000000")


def _region(area: Area, regions: dict[int, Area]) -> Area | None:
    seen = area
    while seen is not None and seen.area_type != AreaType.REGION:
        seen = regions.get(seen.parent_id)
    return seen


def _councils_by_region() -> dict[str, list[Area]]:
    every = {area.pk: area for area in Area.objects.all()}
    grouped: dict[str, list[Area]] = {}
    for council in councils().filter(population__isnull=False):
        region = _region(council, every)
        if region is not None:
            grouped.setdefault(region.name, []).append(council)
    return grouped


def _dataset(areas: list[Area], by: User):
    rng = random.Random(SEED)
    scores = {area.pk: round(rng.uniform(6.0, 42.0), 3) for area in areas}
    ranked = sorted(areas, key=lambda area: (-scores[area.pk], area.name))
    rows = [
        {
            "line": line,
            CODE_COLUMN: area.gss_code,
            NAME_COLUMN: area.name,
            SCORE_COLUMN: f"{scores[area.pk]:.3f}",
            RANK_COLUMN: str(rank),
        }
        for line, (rank, area) in enumerate(enumerate(ranked, start=1), start=2)
    ]
    return regranting.upload_deprivation_scores(
        name="Deprivation scores for the demo (made up)",
        source=DATASET_SOURCE,
        rows=rows,
        by=by,
        keep_valid_rows=False,
        file_name="demo-imd-local-authority-summaries.csv",
    ).dataset


def _local_funders(grouped: dict[str, list[Area]], by: User) -> None:
    for region, names in FUNDERS.items():
        areas = sorted(grouped.get(region, []), key=lambda area: (-(area.latitude or 0), area.name))
        if not areas:
            continue
        half = (len(areas) + 1) // 2 if len(names) == 2 else len(areas)
        for position, name in enumerate(names):
            share = areas[:half] if position == 0 else areas[half:]
            organisation = create_organisation(
                by=by,
                reason=DEMO_REASON,
                name=name,
                kind=OrganisationKind.LOCAL_FUNDER,
                description=f"Makes small grants to community groups across {region}.",
                latest_income=Decimal("3500000"),
                local_authority=share[0],
                town=share[0].name,
            )
            regranting.register_local_funder(
                organisation=organisation,
                areas=share,
                capacity=LONDON_CAPACITY if region == "London" else None,
                by=by,
                reason=DEMO_REASON,
            )


def _national_programme(department: Organisation, year: int, by: User) -> Programme:
    programme = Programme(
        name="Small grants fund",
        slug="small-grants-fund",
        code="SGF",
        purpose=(
            "Grants of £250 to £5,000 for community groups with an annual income under £30,000, mostly run by "
            "volunteers, paid through local funders who receive an allocation for their area and regrant it."
        ),
        owning_team="Third Sector Partnerships Team",
        administering_body=department,
        default_grant_months=12,
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
    )
    attribute(programme, by=by, reason=DEMO_REASON).save()
    EligibilityRules.objects.create(programme=programme, maximum_income=Decimal("30000"))
    ProgrammeBudget.objects.create(programme=programme, financial_year=year, amount=FUND_TOTAL)
    return programme


def load_allocation() -> None:
    # Approval offers each regrant award by email: keep the demo's emails off the terminal.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load_allocation()


@transaction.atomic
def _load_allocation() -> None:
    if AllocationFund.objects.filter(name=FUND_NAME).exists():
        return
    staff = User.objects.get(email="staff@demo.thirdsector.example")
    department = Organisation.objects.get(kind=OrganisationKind.GOVERNMENT_DEPARTMENT)
    year = financial_year_of(timezone.localdate())
    grouped = _councils_by_region()
    dataset = _dataset([area for areas in grouped.values() for area in areas], staff)
    _local_funders(grouped, staff)
    leeds = Organisation.objects.get(name="Leeds Community Foundation")
    funder_person = User.objects.filter(email="funder@demo.thirdsector.example").first()
    if funder_person is not None:
        add_membership(user=funder_person, organisation=leeds, role=MembershipRole.ADMINISTRATOR, reason=DEMO_REASON)
    fund = regranting.create_fund(
        name=FUND_NAME,
        programme=_national_programme(department, year, staff),
        financial_year=year,
        total=FUND_TOTAL,
        dataset=dataset,
        by=staff,
    )
    regranting.calculate(fund=fund, by=staff, reason="First calculation for the year")
    rows = {
        row.local_funder.organisation.name: row
        for row in fund.funder_allocations.select_related("local_funder__organisation")
    }
    regranting.adjust(
        fund=fund,
        from_allocation=rows["South West Community Foundation"],
        to_allocation=rows["Cumbria and Lancashire Community Foundation"],
        amount=Decimal("250000"),
        reason="Storm damage to village halls in Cumbria: bring forward support agreed with the South West",
        by=staff,
    )
    # Four eyes: the staff member who calculated and adjusted the allocation may not approve it.
    approver = User.objects.get(email="admin@demo.thirdsector.example")
    regranting.approve(fund=AllocationFund.objects.get(pk=fund.pk), by=approver, reason="Approved for the year")
