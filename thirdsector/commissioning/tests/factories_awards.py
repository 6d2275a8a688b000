"""Factories for awards and decisions: a published three-year contract from a council to a small charity."""

import datetime
from decimal import Decimal

import factory

from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import (
    Bid,
    BidStatus,
    CommissioningDecision,
    ContractAward,
    DecisionInvolvement,
    InvolvedAs,
    InvolvementRole,
    OpportunityKind,
    OpportunityStatus,
)
from ..services.awards import BME_LED, USER_LED, is_third_sector
from .factories import CouncilFactory, LotFactory

# A day inside financial year 2025 (1 April 2025 to 31 March 2026).
AWARDED_ON = datetime.date(2025, 6, 2)


class ContractAwardFactory(factory.django.DjangoModelFactory):
    """The supplier snapshot follows the supplier, as `services.awards.record_award` takes it."""

    class Meta:
        model = ContractAward
        skip_postgeneration_save = True

    commissioner = factory.SubFactory(CouncilFactory)
    supplier = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Befriending service {n}")
    kind = OpportunityKind.CONTRACT
    value = Decimal("100000.00")
    starts_on = factory.LazyAttribute(lambda a: a.awarded_on + datetime.timedelta(days=30))
    length_months = 36
    awarded_on = AWARDED_ON
    financial_year = factory.LazyAttribute(lambda a: financial_year_of(a.awarded_on))
    supplier_is_third_sector = factory.LazyAttribute(lambda a: is_third_sector(a.supplier))
    supplier_size_band = factory.LazyAttribute(lambda a: a.supplier.size_band)
    supplier_bme_led = factory.LazyAttribute(lambda a: a.supplier.characteristics.filter(slug=BME_LED).exists())
    supplier_user_led = factory.LazyAttribute(lambda a: a.supplier.characteristics.filter(slug=USER_LED).exists())
    published_on = factory.LazyAttribute(lambda a: a.awarded_on)


class CommissioningDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissioningDecision

    commissioner = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Award the befriending contract {n}")
    summary = "The evaluation panel scored the bids against the published criteria."
    decided_on = AWARDED_ON
    financial_year = factory.LazyAttribute(lambda d: financial_year_of(d.decided_on))


class DecisionInvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionInvolvement

    decision = factory.SubFactory(CommissioningDecisionFactory)
    label = "Panel member A"
    involved_as = InvolvedAs.SERVICE_USER
    role = InvolvementRole.PANEL_MEMBER
    view = "The winning bid understood what it is like to be isolated at home."


class SubmittedBidFactory(factory.django.DjangoModelFactory):
    """A submitted single bid for a lot of a closed opportunity (closed yesterday), ready to be awarded."""

    class Meta:
        model = Bid

    lot = factory.SubFactory(
        LotFactory,
        opportunity__status=OpportunityStatus.CLOSED,
        opportunity__opens_on=factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=60)),
        opportunity__closes_on=factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=1)),
    )
    organisation = factory.SubFactory(OrganisationFactory)
    price = Decimal("110000.00")
    summary = "A team of local advisers working from community centres."
    status = BidStatus.SUBMITTED
