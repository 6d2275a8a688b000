"""One factory per asset transfer model; the defaults make a valid record."""

from decimal import Decimal

import factory
from django.utils import timezone

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Asset, AssetCondition, AssetType, PostTransferReturn, Tenure, TransferProposal


class CouncilFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Council {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    latest_income = None


class AssetFactory(factory.django.DjangoModelFactory):
    """A hall offered on a 30-year lease at £1 against a market value of £400,000."""

    class Meta:
        model = Asset

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Holbeck Hall {n}")
    asset_type = AssetType.HALL
    address = "1 Holbeck Lane, Leeds"
    postcode = "LS11 9AA"
    local_authority = factory.LazyFunction(lambda: Area.objects.get(gss_code="E08000035"))
    condition = AssetCondition.POOR
    current_use = "Closed since 2024; used for storage."
    market_value = Decimal("400000.00")
    tenure = Tenure.LEASE
    lease_years = 30
    price = Decimal("1.00")
    discount = factory.LazyAttribute(lambda asset: asset.market_value - asset.price)
    offered_on = factory.LazyFunction(timezone.localdate)
    offered_by = factory.SubFactory(UserFactory)


class TransferProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferProposal

    reference = factory.Sequence(lambda n: f"CAT-{n:08d}")
    asset = factory.SubFactory(AssetFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    amount_requested = Decimal("250000.00")
    refurbishment_summary = "A new roof and heating."
    community_benefit = "Youth clubs and a lunch club."
    created_by = factory.SubFactory(UserFactory)


class PostTransferReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostTransferReturn

    proposal = factory.SubFactory(TransferProposalFactory, status="transferred")
    year = factory.Sequence(lambda n: n + 1)
    period_starts_on = factory.LazyFunction(timezone.localdate)
    period_ends_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(timezone.localdate)
