"""Proposals and returns shaped for the portals, the proposal's page and the fund's lists."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation

from ..models import PostTransferReturn, ProposalDocument, ReturnStatus, TransferProposal
from .assets import councils_acted_for


def _proposals() -> QuerySet:
    return TransferProposal.objects.select_related(
        "asset", "asset__council", "organisation", "application", "application__award"
    )


def proposal_for_page(reference: str) -> TransferProposal | None:
    return (
        _proposals()
        .prefetch_related(
            Prefetch("documents", queryset=ProposalDocument.objects.select_related("uploaded_by")),
            Prefetch("returns", queryset=PostTransferReturn.objects.order_by("year")),
        )
        .filter(reference=reference)
        .first()
    )


def fund_proposals(*, status: str = "") -> QuerySet:
    proposals = _proposals().order_by("-created_at", "-id")
    return proposals.filter(status=status) if status else proposals


def organisations_of(user) -> QuerySet:
    """Every organisation `user` belongs to (viewers too), for the applicant portal."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name", "id").distinct()


def proposing_organisations(user) -> QuerySet:
    """The community organisations `user` may propose for: those they edit that are not public bodies."""
    return (
        organisations_of(user)
        .filter(memberships__role__in=(MembershipRole.ADMINISTRATOR, MembershipRole.EDITOR))
        .exclude(kind__in=PUBLIC_BODY_KINDS)
    )


def applicant_proposals(user) -> QuerySet:
    return _proposals().filter(organisation__in=organisations_of(user)).order_by("-created_at", "-id")


def council_proposals(user) -> QuerySet:
    return _proposals().filter(asset__council__in=councils_acted_for(user)).order_by("-created_at", "-id")


def _returns() -> QuerySet:
    return PostTransferReturn.objects.select_related("proposal", "proposal__asset", "proposal__organisation")


def returns_due_for(user) -> QuerySet:
    """Returns not yet submitted by the user's organisations, soonest due first."""
    return (
        _returns()
        .filter(proposal__organisation__in=organisations_of(user), status=ReturnStatus.DUE)
        .order_by("due_on", "id")
    )


def overdue_returns(*, on=None) -> QuerySet:
    return _returns().overdue(on or timezone.localdate()).order_by("due_on", "id")


def return_for_page(pk: int) -> PostTransferReturn | None:
    return _returns().filter(pk=pk).first()
