from decimal import Decimal

import factory

from thirdsector.register.models import Area, Identifier, Organisation, OrganisationKind
from thirdsector.register.normalise import normalise_name
from thirdsector.register.size_bands import size_band_for


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A valid active charity; derived fields (normalised name, size band) follow the given ones."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Community Organisation {n}")
    normalised_name = factory.LazyAttribute(lambda o: normalise_name(o.name))
    kind = OrganisationKind.REGISTERED_CHARITY
    latest_income = Decimal("25000.00")
    size_band = factory.LazyAttribute(lambda o: size_band_for(o.latest_income) or "")
    town = "Leeds"
    postcode = "LS1 4AP"
    local_authority = factory.LazyFunction(lambda: Area.objects.get(gss_code="E08000035"))


class IdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Identifier

    organisation = factory.SubFactory(OrganisationFactory)
    scheme = "GB-CHC"
    value = factory.Sequence(lambda n: str(1100000 + n))
    org_id = factory.LazyAttribute(lambda o: f"{o.scheme}-{o.value}")
    is_primary = True
