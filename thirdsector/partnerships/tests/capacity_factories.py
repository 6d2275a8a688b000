"""Factories for capacity building: a CVS covering Leeds, an offer of bid-writing help, a request to it."""

import datetime

import factory

from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..models.capacity import HelpKind, RequestStatus, SupportBody, SupportBodyKind, SupportOffer, SupportRequest


def leeds() -> Area:
    return Area.objects.get(gss_code="E08000035")


class SupportBodyFactory(factory.django.DjangoModelFactory):
    """A council for voluntary service covering Leeds (pass `areas=[...]`, or `is_national=True, areas=[]`)."""

    class Meta:
        model = SupportBody
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, name=factory.Sequence(lambda n: f"Voluntary Action {n}"))
    kind = SupportBodyKind.COUNCIL_FOR_VOLUNTARY_SERVICE
    contact_email = "help@voluntary-action.example"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and not self.is_national:
            self.areas.set(extracted if extracted is not None else [leeds()])


class SupportOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportOffer
        skip_postgeneration_save = True

    body = factory.SubFactory(SupportBodyFactory)
    kind = HelpKind.BID_WRITING
    description = "One-to-one help writing funding bids"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A request sent to a body offering bid-writing help in Leeds."""

    class Meta:
        model = SupportRequest

    reference = factory.Sequence(lambda n: f"SUP-T{n:07d}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = HelpKind.BID_WRITING
    description = "Help with a bid to the Community Fund by March"
    support_body = factory.LazyAttribute(lambda o: SupportOfferFactory(kind=o.kind).body)
    status = RequestStatus.SUBMITTED
    submitted_on = factory.LazyFunction(lambda: datetime.date(2026, 3, 2))
