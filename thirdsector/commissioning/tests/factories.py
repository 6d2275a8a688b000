"""Factories for the commissioning tests, with valid defaults: a Leeds City Council plan and its opportunities.

Shared: the plans and opportunities work keeps the first part, the awards work appends its own below.
"""

import datetime
from decimal import Decimal

import factory

from thirdsector.register.models import Area, OrganisationKind, PolicyArea
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import CommissioningPlan, Lot, Opportunity, OpportunityKind


def _today() -> datetime.date:
    return datetime.date.today()


def _first_policy_area() -> PolicyArea:
    return PolicyArea.objects.order_by("id").first()


class CouncilFactory(OrganisationFactory):
    """A local authority's own record in the register (Leeds unless told otherwise)."""

    name = factory.Sequence(lambda n: f"Metropolitan Council {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    latest_income = None
    size_band = ""
    local_authority = factory.LazyFunction(lambda: Area.objects.get(gss_code="E08000035"))


class CommissioningPlanFactory(factory.django.DjangoModelFactory):
    """A draft plan whose involvement closes in four weeks."""

    class Meta:
        model = CommissioningPlan
        skip_postgeneration_save = True

    commissioner = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Community mental health support {n}")
    service_area = factory.LazyFunction(_first_policy_area)
    outcomes_sought = "Fewer people reach crisis; more are supported close to home."
    needs_evidence = "The joint strategic needs assessment shows rising demand in the inner wards."
    estimated_value = Decimal("450000.00")
    duration_months = 36
    involvement_closes_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(weeks=4))

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else [self.commissioner.local_authority])


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A three-year contract, open from today for six weeks, in the commissioner's own area."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    plan = None
    commissioner = factory.LazyAttribute(lambda o: o.plan.commissioner if o.plan else CouncilFactory())
    title = factory.Sequence(lambda n: f"Advice and advocacy service {n}")
    description = "Independent advice on benefits, debt and housing for residents."
    kind = OpportunityKind.CONTRACT
    policy_area = factory.LazyAttribute(lambda o: o.plan.service_area if o.plan else _first_policy_area())
    length_months = 36
    payment_in_advance = False
    full_cost_recovery = True
    social_value_weighting = 10
    opens_on = factory.LazyFunction(_today)
    closes_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(weeks=6))

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else [self.commissioner.local_authority])


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    opportunity = factory.SubFactory(OpportunityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Area {n}")
    value = Decimal("120000.00")
