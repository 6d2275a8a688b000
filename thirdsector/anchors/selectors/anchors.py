"""One anchor's pages, the staff queues, and the anchors an organisation member acts for."""

from django.db.models import Prefetch, QuerySet

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT

from ..models import Anchor, AnchorService, AnchorStatus, FinancialReturn, ReturnStatus


def anchor_for_page(anchor_id: int) -> Anchor:
    return Anchor.objects.select_related("organisation__local_authority", "decided_by", "proposed_by").get(pk=anchor_id)


def trend(anchor: Anchor) -> list[FinancialReturn]:
    """The anchor's accepted returns, oldest first: its trend over the years."""
    return list(anchor.returns.filter(status=ReturnStatus.ACCEPTED).order_by("year"))


def returns_of(anchor: Anchor) -> QuerySet[FinancialReturn]:
    """Every return of the anchor, newest first, for its own members and staff."""
    return anchor.returns.order_by("-year")


def services_of(anchor: Anchor) -> QuerySet[AnchorService]:
    return anchor.services.prefetch_related("taxonomies", "schedules").order_by("name", "id")


def designation_queue() -> QuerySet[Anchor]:
    return (
        Anchor.objects.filter(status=AnchorStatus.PROPOSED)
        .select_related("organisation__local_authority")
        .order_by("proposed_on", "id")
    )


def reviews_due(before) -> QuerySet[Anchor]:
    return (
        Anchor.objects.filter(status=AnchorStatus.DESIGNATED, review_on__lt=before)
        .select_related("organisation")
        .order_by("review_on", "id")
    )


def return_queue() -> QuerySet[FinancialReturn]:
    return (
        FinancialReturn.objects.filter(status=ReturnStatus.SUBMITTED)
        .select_related("anchor__organisation")
        .order_by("submitted_on", "id")
    )


def organisations_acted_for(user) -> QuerySet:
    """The memberships through which `user` may propose or keep an anchor, with the anchor if there is one."""
    return (
        user.memberships.filter(role__in=MEMBERSHIP_ROLES_THAT_EDIT)
        .select_related("organisation__anchor")
        .prefetch_related(Prefetch("organisation__anchor__returns", queryset=FinancialReturn.objects.order_by("-year")))
        .order_by("organisation__name")
    )
