"""Reads of commissioning plans shaped for the pages and the API: the public list, a plan's page with its
involvement record, and a commissioner's own plans on the portal."""

from django.db.models import Count, Prefetch, Q, QuerySet

from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation

from ..models import PUBLIC_PLAN_STATUSES, CommissioningPlan, InvolvementActivity, Opportunity
from ..models.plans import COMMISSIONING_ROLES, MEMBERSHIP_ROLES_THAT_EDIT


def commissioners_acted_for(user) -> QuerySet[Organisation]:
    """The public bodies this person commissions for (see `commissions_for`), by name."""
    if not (user.is_authenticated and user.has_role(*COMMISSIONING_ROLES)):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind__in=PUBLIC_BODY_KINDS,
        memberships__user=user,
        memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT,
    ).order_by("name", "id")


def published_plans() -> QuerySet[CommissioningPlan]:
    """Plans anyone may read, most recently published first, with their commissioner and service area."""
    return (
        CommissioningPlan.objects.filter(status__in=PUBLIC_PLAN_STATUSES)
        .select_related("commissioner", "service_area")
        .annotate(activity_count=Count("activities"))
        .order_by("-published_on", "-id")
    )


def plans_of(commissioners: QuerySet[Organisation]) -> QuerySet[CommissioningPlan]:
    """Every plan of these commissioners, drafts too, for their officers' portal."""
    return (
        CommissioningPlan.objects.filter(commissioner__in=commissioners)
        .select_related("commissioner", "service_area")
        .annotate(
            activity_count=Count("activities", distinct=True),
            changed_count=Count("activities", filter=~Q(activities__what_changed=""), distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def plan_for_page(pk: int) -> CommissioningPlan | None:
    activities = InvolvementActivity.objects.select_related("consultation").prefetch_related("organisations")
    opportunities = Opportunity.objects.order_by("closes_on", "id")
    return (
        CommissioningPlan.objects.select_related("commissioner", "service_area", "consultation")
        .prefetch_related(
            "areas",
            Prefetch("activities", queryset=activities),
            Prefetch("opportunities", queryset=opportunities),
        )
        .filter(pk=pk)
        .first()
    )


def plans_for_api() -> QuerySet[CommissioningPlan]:
    activities = InvolvementActivity.objects.prefetch_related("organisations")
    return (
        CommissioningPlan.objects.filter(status__in=PUBLIC_PLAN_STATUSES)
        .select_related("commissioner", "service_area")
        .prefetch_related("areas", Prefetch("activities", queryset=activities))
    )
