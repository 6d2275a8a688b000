"""Offering an asset for transfer and withdrawing the offer: the council's side before any proposal."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take
from thirdsector.register.models import Organisation, OrganisationKind

from ..errors import AssetTransferError
from ..models import Asset, Tenure
from ..permissions import acts_for_council


@transaction.atomic
def offer_asset(
    *,
    council: Organisation,
    by,
    name: str,
    asset_type: str,
    address: str,
    postcode: str,
    local_authority,
    condition: str,
    current_use: str,
    market_value: Decimal,
    tenure: str,
    lease_years: int | None,
    price: Decimal,
) -> Asset:
    """Records the council's offer, with the discount on market value worked out from the terms."""
    if council.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise AssetTransferError(f"{council.name} is not a council, so it cannot offer an asset.", field="council")
    if not acts_for_council(by, council.pk):
        raise AssetTransferError(f"Only {council.name}'s council officers can offer its assets.", field="council")
    if price > market_value:
        raise AssetTransferError("The price cannot be more than the market value.", field="price")
    if tenure == Tenure.LEASE and not lease_years:
        raise AssetTransferError("Enter the length of the lease in years.", field="lease_years")
    asset = Asset(
        council=council,
        name=name.strip(),
        asset_type=asset_type,
        address=address.strip(),
        postcode=postcode.strip().upper(),
        local_authority=local_authority,
        condition=condition,
        current_use=current_use.strip(),
        market_value=market_value,
        tenure=tenure,
        lease_years=lease_years if tenure == Tenure.LEASE else None,
        price=price,
        discount=market_value - price,
        offered_on=timezone.localdate(),
        offered_by=by,
    )
    attribute(asset, by=by, reason="Offered for transfer")
    asset.save()
    return asset


@transaction.atomic
def withdraw_offer(*, asset: Asset, by, reason: str) -> Asset:
    if not (reason or "").strip():
        raise AssetTransferError("Say why the offer is withdrawn.", field="reason")
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    return take(asset, "withdraw", by=by, reason=reason.strip())
