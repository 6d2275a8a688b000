"""A local funder's small grants programme as the allocation makes it, for the small grants tests.

The department's Small Grants Fund makes a regrant award (FRG010) to the local funder; the local
funder's programme is funded by that award, keeps the allocation less its admin share as its budget,
asks the short form, and takes groups with an income under £30,000 asking for £250 to £5,000.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Area, Characteristic, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..financial_years import financial_year_of
from ..models import PaymentFrequency, Programme, RegrantType
from .factories import AwardFactory, ProgrammeFactory, RoundFactory

LEEDS = "E08000035"


def this_year() -> int:
    return financial_year_of(timezone.localdate())


def small_grants_fund():
    """The department's national programme the regrant awards come from (one, however many local funders)."""
    existing = Programme.objects.filter(slug="small-grants-fund").first()
    return existing or ProgrammeFactory(
        name="Small Grants Fund",
        slug="small-grants-fund",
        code="SGF",
        budgets={this_year(): Decimal("80000000.00")},
    )


def local_funder_programme(
    name: str = "Leeds Community Foundation",
    *,
    allocation: Decimal = Decimal("100000.00"),
    admin_share: Decimal = Decimal("10000.00"),
    code: str = "LCF",
):
    """The local funder's programme, funded by its regrant award, with an open round."""
    funder = OrganisationFactory(name=name, kind=OrganisationKind.LOCAL_FUNDER, latest_income=Decimal("2500000"))
    year = this_year()
    regrant = AwardFactory(
        programme=small_grants_fund(),
        organisation=funder,
        title=f"Small grants allocation for {name}",
        amount=allocation,
        status="accepted",
        regrant_type=RegrantType.COMMON,
        starts_on=datetime.date(year, 4, 1),
        ends_on=datetime.date(year + 1, 3, 31),
        months=12,
        years={year: allocation},
    )
    programme = ProgrammeFactory(
        name=f"{name} small grants",
        slug=code.lower(),
        code=code,
        administering_body=funder,
        funded_by=regrant,
        short_form=True,
        default_grant_months=settings.REGRANTING_END_GRANT_MONTHS,
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
        budgets={year: allocation - admin_share},
        rules__maximum_income=Decimal(settings.REGRANTING_SMALL_GROUP_INCOME_LIMIT),
        rules__minimum_amount=Decimal(settings.REGRANTING_END_GRANT_MINIMUM),
        rules__maximum_amount=Decimal(settings.REGRANTING_END_GRANT_MAXIMUM),
    )
    RoundFactory(programme=programme, name="Community grants")
    return programme


def fund_administrator_of(programme, **fields):
    """A fund administrator who belongs to the local funder, so runs its programme."""
    person = UserFactory(roles=[Role.FUND_ADMINISTRATOR], **fields)
    MembershipFactory(user=person, organisation=programme.administering_body, role=MembershipRole.EDITOR)
    return person


def small_group(name: str = "Harehills Coffee Morning", *, income="12000.00", gss_code=LEEDS, characteristics=()):
    group = OrganisationFactory(
        name=name,
        kind=OrganisationKind.COMMUNITY_GROUP,
        latest_income=None if income is None else Decimal(income),
        local_authority=Area.objects.get(gss_code=gss_code),
    )
    for slug in characteristics:
        group.characteristics.add(Characteristic.objects.get_or_create(slug=slug, defaults={"name": slug})[0])
    return group


def end_grant(programme, group, *, amount="2500.00", status="accepted", starts_on=None, **fields):
    """An end grant held against the local funder's budget, as approval leaves it (committed moved)."""
    starts_on = starts_on or datetime.date(this_year(), 6, 1)
    award = AwardFactory(
        programme=programme,
        organisation=group,
        title="Coffee mornings",
        amount=Decimal(amount),
        status=status,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=364),
        months=12,
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
        years={financial_year_of(starts_on): Decimal(amount)},
        **fields,
    )
    budget = programme.budgets.get(financial_year=financial_year_of(starts_on))
    budget.committed += Decimal(amount)
    budget.save()
    return award
