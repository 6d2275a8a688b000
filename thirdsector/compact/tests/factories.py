"""One factory per Compact model; the defaults make a valid record. Each capability adds its own below."""

import factory

from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import CompactBody


class CompactBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompactBody

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.NDPB)
    lead_name = "Jo Compact-Lead"
    lead_email = factory.Sequence(lambda n: f"compact.lead{n}@department.example")
