"""Factories for the small grants allocation: a dataset of three West Yorkshire councils, local funders, a fund."""

from decimal import Decimal

import factory

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.funding.models import (
    AllocationFund,
    DeprivationDataset,
    DeprivationScore,
    LocalFunder,
    Programme,
)
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import ProgrammeFactory

# Leeds, Bradford and Wakefield: real GSS codes and populations in the register, made-up scores.
WEST_YORKSHIRE = {"E08000035": ("27.3", 92), "E08000032": ("33.8", 13), "E08000036": ("28.0", 66)}


def area(code: str) -> Area:
    return Area.objects.get(gss_code=code)


class DeprivationDatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeprivationDataset
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Made-up deprivation scores {n}")
    source = "Made-up figures for tests, in the layout of the English Indices of Deprivation 2019 summaries"
    uploaded_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def scores(dataset, create, extracted, **kwargs):
        """A score for each of WEST_YORKSHIRE's councils unless told otherwise ({code: (score, rank)})."""
        if not create:
            return
        for code, (score, rank) in (extracted if extracted is not None else WEST_YORKSHIRE).items():
            DeprivationScore.objects.create(
                dataset=dataset, area=area(code), average_score=Decimal(score), rank_of_average_score=rank
            )


class LocalFunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalFunder
        skip_postgeneration_save = True

    organisation = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Community Foundation {n}"),
        kind=OrganisationKind.LOCAL_FUNDER,
        latest_income=Decimal("4000000"),
    )
    capacity = None

    @factory.post_generation
    def areas(funder, create, extracted, **kwargs):
        """The councils it covers, by GSS code."""
        if create and extracted:
            funder.areas.set([area(code) for code in extracted])


def national_programme(*, budget: Decimal = Decimal("1000000"), year: int = 2026):
    """The department's small grants programme, with a budget for `year` (made once, then found)."""
    existing = Programme.objects.filter(slug="small-grants-fund").first()
    if existing is not None:
        return existing
    return ProgrammeFactory(
        name="Small grants fund", slug="small-grants-fund", code="SGF", default_grant_months=12, budgets={year: budget}
    )


class AllocationFundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllocationFund

    name = factory.Sequence(lambda n: f"Small grants fund test {n}")
    slug = factory.Sequence(lambda n: f"small-grants-fund-test-{n}")
    programme = factory.LazyFunction(national_programme)
    financial_year = 2026
    total = Decimal("900000")
    floor_per_area = Decimal("100000")
    admin_share_percent = Decimal("10")
    weight_population = Decimal("50")
    weight_deprivation = Decimal("30")
    weight_small_groups = Decimal("20")
    small_group_income_limit = Decimal("30000")
    end_grant_minimum = Decimal("250")
    end_grant_maximum = Decimal("5000")
    end_grant_months = 12
    dataset = factory.SubFactory(DeprivationDatasetFactory)
    created_by = factory.SubFactory(UserFactory)
