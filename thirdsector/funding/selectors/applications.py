"""Reads for the application pages and the applicant portal, shaped so each page's queries are fixed."""

from django.db.models import Case, Prefetch, QuerySet, Value, When

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT
from thirdsector.register.models import Organisation

from ..models import (
    OUTSTANDING_RETURN_STATUSES,
    Application,
    ApplicationMessage,
    Award,
    MonitoringReturn,
    Payment,
    PaymentStatus,
)


def application_for_page(reference: str) -> Application:
    """One application with everything its page shows; raises Application.DoesNotExist."""
    return (
        Application.objects.select_related(
            "round__programme", "organisation", "created_by", "declared_by", "decided_by", "award"
        )
        .prefetch_related(
            "documents",
            Prefetch("messages", queryset=ApplicationMessage.objects.select_related("author")),
        )
        .get(reference=reference)
    )


def organisations_of(user) -> QuerySet[Organisation]:
    """Every organisation the person belongs to, in any role."""
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisations_edited_by(user) -> QuerySet[Organisation]:
    """The organisations the person may apply for: those whose record they can edit."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT, merged_into__isnull=True
    ).order_by("name")


def _member_filter(user, path: str) -> dict:
    return {f"{path}__memberships__user": user}


def applications_for_person(user) -> QuerySet[Application]:
    """Applications of the person's organisations: drafts first, then the newest."""
    return (
        Application.objects.filter(**_member_filter(user, "organisation"))
        .select_related("round__programme", "organisation")
        .order_by("-updated_at", "-id")
    )


def awards_for_person(user) -> QuerySet[Award]:
    return (
        Award.objects.filter(**_member_filter(user, "organisation"))
        .select_related("programme", "organisation")
        .order_by("-starts_on", "-id")
    )


def returns_due_for_person(user) -> QuerySet[MonitoringReturn]:
    """Returns the person's organisations owe (due, or asked for more information), soonest first."""
    return (
        MonitoringReturn.objects.filter(
            status__in=OUTSTANDING_RETURN_STATUSES, **_member_filter(user, "award__organisation")
        )
        .select_related("award__organisation")
        .order_by("due_on", "id")
    )


def payments_for_person(user) -> QuerySet[Payment]:
    """Payments on the person's organisations' grants, leaving out cancelled ones: those still to come
    (held ones among them) first, soonest due first, then those paid."""
    paid_last = Case(When(status=PaymentStatus.PAID, then=Value(1)), default=Value(0))
    return (
        Payment.objects.filter(**_member_filter(user, "award__organisation"))
        .exclude(status=PaymentStatus.CANCELLED)
        .select_related("award__organisation")
        .order_by(paid_last, "due_on", "id")
    )


def first_rows(queryset: QuerySet, size: int) -> tuple[list, bool]:
    """The first `size` rows and whether there are more, in one query."""
    rows = list(queryset[: size + 1])
    return rows[:size], len(rows) > size
