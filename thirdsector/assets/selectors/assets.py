"""Assets shaped for the public lists, the asset's page and the council portal."""

from django.db.models import QuerySet

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, Role
from thirdsector.register.models import Organisation, OrganisationKind

from ..models import PUBLIC_ASSET_STATUSES, Asset, AssetStatus


def _assets() -> QuerySet:
    return Asset.objects.select_related("council", "local_authority")


def offered_assets() -> QuerySet:
    """Offered or under proposal: the public list of buildings and land looking for a community owner."""
    return _assets().filter(status__in=(AssetStatus.OFFERED, AssetStatus.UNDER_PROPOSAL)).order_by("name", "id")


def transferred_assets() -> QuerySet:
    return _assets().filter(status=AssetStatus.TRANSFERRED).order_by("name", "id")


def public_asset(pk: int) -> Asset | None:
    return _assets().filter(pk=pk, status__in=PUBLIC_ASSET_STATUSES).first()


def any_asset(pk: int) -> Asset | None:
    return _assets().filter(pk=pk).first()


def councils_acted_for(user) -> QuerySet:
    """The councils whose assets `user` offers: those they are a council officer and editor of."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name", "id")
    if not (user.is_authenticated and user.has_role(Role.COUNCIL_OFFICER)):
        return councils.none()
    return councils.filter(memberships__user=user, memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT).distinct()


def council_assets(user) -> QuerySet:
    return _assets().filter(council__in=councils_acted_for(user)).order_by("name", "id")
