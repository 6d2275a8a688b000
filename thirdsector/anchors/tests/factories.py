"""Factories for the anchors app; defaults are valid: a designated anchor meeting every criterion."""

import datetime
from decimal import Decimal

import factory

from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Anchor as AnchorModel
from ..models import AnchorService, AnchorStatus, FinancialReturn, ReturnStatus, ServiceSchedule
from ..services.returns import apply_assessment, compute_figures
from ..services.sustainability import thresholds_in_force


class AnchorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnchorModel

    organisation = factory.SubFactory(OrganisationFactory)
    status = AnchorStatus.DESIGNATED
    community_led = True
    community_led_evidence = "Nine of the eleven trustees live on the estate; members elect them each year."
    multi_purpose = True
    multi_purpose_evidence = "A café, advice sessions, a youth club and the residents' forum."
    local = True
    local_evidence = "Based on the estate and serving its 4,000 residents."
    building = True
    building_evidence = "Holds a 25-year lease of the community centre."
    proposed_on = datetime.date(2024, 1, 10)
    designated_on = factory.LazyAttribute(lambda o: datetime.date(2024, 2, 1) if o.status == "designated" else None)
    decided_on = factory.LazyAttribute(lambda o: o.designated_on)
    review_years = 3
    review_on = factory.LazyAttribute(lambda o: datetime.date(2027, 2, 1) if o.status == "designated" else None)


class FinancialReturnFactory(factory.django.DjangoModelFactory):
    """A submitted return; `accepted=True` accepts it against the thresholds in force."""

    class Meta:
        model = FinancialReturn
        skip_postgeneration_save = True

    anchor = factory.SubFactory(AnchorFactory)
    year = 2024
    income_grants = Decimal("40000.00")
    income_contracts = Decimal("20000.00")
    income_earned = Decimal("30000.00")
    income_donations = Decimal("8000.00")
    income_investment = Decimal("2000.00")
    spending = Decimal("96000.00")
    unrestricted_reserves = Decimal("30000.00")
    assets_value = Decimal("250000.00")
    owns_or_manages_building = True
    business_plan_on = datetime.date(2023, 6, 1)
    submitted_on = datetime.date(2025, 6, 1)
    status = ReturnStatus.SUBMITTED

    @classmethod
    def _create(cls, model_class, *args, accepted: bool = False, **kwargs):
        financial_return = model_class(*args, **kwargs)
        compute_figures(financial_return)
        if accepted:
            apply_assessment(financial_return, thresholds_in_force())
            financial_return.status = ReturnStatus.ACCEPTED
            financial_return.decided_on = datetime.date(2025, 7, 1)
        financial_return.save()
        return financial_return


class AnchorServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnchorService

    anchor = factory.SubFactory(AnchorFactory)
    name = factory.Sequence(lambda n: f"Community café {n}")
    description = "A pay-as-you-feel café with a warm space in winter."
    fees = "Pay as you feel"
    email = "cafe@example.org"
    eligibility = "adults"
    minimum_age = 18
    location_name = "Hillside Community Centre"
    address_1 = "1 Hill Street"
    city = "Leeds"
    postal_code = "LS6 1AA"
    latitude = 53.8
    longitude = -1.55
    contact_name = "Pat Jones"
    contact_title = "Café manager"
    phone = "0113 496 0000"
    funding = "National Lottery Community Fund"


class ServiceScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceSchedule

    service = factory.SubFactory(AnchorServiceFactory)
    byday = "MO"
    opens_at = datetime.time(9, 30)
    closes_at = datetime.time(14, 0)
