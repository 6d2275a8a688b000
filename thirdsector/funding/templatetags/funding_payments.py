"""Template helpers for the payments and monitoring sections of an award page and their own pages."""

from decimal import Decimal

from django import template

from ..financial_years import financial_year_label
from ..models import PaymentStatus, ReturnStatus
from ..permissions import acts_for, runs_programme

register = template.Library()

PAYMENT_TAGS = {
    PaymentStatus.SCHEDULED: "govuk-tag--grey",
    PaymentStatus.REQUESTED: "govuk-tag--blue",
    PaymentStatus.APPROVED: "govuk-tag--turquoise",
    PaymentStatus.PAID: "govuk-tag--green",
    PaymentStatus.HELD: "govuk-tag--red",
    PaymentStatus.CANCELLED: "govuk-tag--grey",
}
RETURN_TAGS = {
    ReturnStatus.DUE: "govuk-tag--grey",
    ReturnStatus.SUBMITTED: "govuk-tag--blue",
    ReturnStatus.FOLLOW_UP: "govuk-tag--yellow",
    ReturnStatus.ACCEPTED: "govuk-tag--green",
}


@register.filter
def financial_year(year: int) -> str:
    """2026 as "2026–27"."""
    return financial_year_label(year)


@register.filter
def payment_tag(status: str) -> str:
    return PAYMENT_TAGS.get(status, "govuk-tag--grey")


@register.inclusion_tag("funding/monitoring/_return_status.html")
def return_status(monitoring_return):
    """The return's status as a tag; a return past its due date and not in says "Overdue" in red."""
    if monitoring_return.is_overdue:
        return {"label": "Overdue", "classes": "govuk-tag--red"}
    return {
        "label": monitoring_return.get_status_display(),
        "classes": RETURN_TAGS.get(monitoring_return.status, "govuk-tag--grey"),
    }


@register.simple_tag(takes_context=True)
def award_money_access(context, award) -> dict:
    """Whether the person runs the award's programme or acts for its organisation, worked out once a page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    cache = getattr(request, "_funding_award_access", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._funding_award_access = cache
    if award.pk not in cache:
        cache[award.pk] = {
            "runs_programme": runs_programme(user, award.programme),
            "acts_for": acts_for(user, award.organisation_id),
        }
    return cache[award.pk]


@register.simple_tag
def payment_totals(award) -> dict:
    """Paid, still to pay and held, from the award's prefetched payments (no further query)."""
    paid = to_pay = Decimal(0)
    held = 0
    for payment in award.payments.all():
        if payment.status == PaymentStatus.PAID:
            paid += payment.amount
        elif payment.status != PaymentStatus.CANCELLED:
            to_pay += payment.amount
        held += payment.status == PaymentStatus.HELD
    return {"paid": paid, "to_pay": to_pay, "held": held}
