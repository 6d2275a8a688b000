"""Reads for the programme pages: who runs which programme, the staff dashboard and the public pages.

The dashboard stays quick with a million awards because every figure is one aggregate the database
answers from an index: budgets read the stored `committed` (never a sum of awards), applications are
counted by (round, status), payments by (programme, status, due_on), short awards from a partial index.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Sum

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.register.models import OrganisationKind

from ..models import (
    COMMITTED_STATUSES,
    Application,
    ApplicationStatus,
    Award,
    Criterion,
    EligibilityRules,
    Payment,
    PaymentStatus,
    Programme,
    ProgrammeBudget,
    Round,
)

# People who may hold a programme: staff run every one, fund administrators those their body administers.
PROGRAMME_ROLES = (*STAFF_ROLES, Role.FUND_ADMINISTRATOR)
# Payments not yet paid, cancelled or held: the money still to go out on schedule.
DUE_PAYMENT_STATUSES = (PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED)


def programmes_run_by(user) -> QuerySet[Programme]:
    """The programmes `user` runs (see permissions.runs_programme), by name."""
    queryset = Programme.objects.select_related("administering_body").order_by("name")
    if not user.is_authenticated:
        return queryset.none()
    if user.has_role(*STAFF_ROLES):
        return queryset
    if user.has_role(Role.FUND_ADMINISTRATOR):
        return queryset.filter(administering_body__in=user.memberships.values("organisation_id"))
    return queryset.none()


def programme_for_page(slug: str) -> Programme:
    return Programme.objects.select_related("administering_body", "replaces", "replaced_by").get(slug=slug)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Money:
    count: int
    total: Decimal


@dataclass
class Dashboard:
    programme: Programme
    applications_by_status: list[StatusCount]
    budgets: list[ProgrammeBudget]
    payments_due: Money
    payments_held: Money
    due_from: datetime.date
    due_until: datetime.date
    due_within_days: int
    short_awards: int
    rounds: list[Round] = field(default_factory=list)

    @property
    def applications_total(self) -> int:
        return sum(row.count for row in self.applications_by_status)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def programme_dashboard(programme: Programme, *, today: datetime.date) -> Dashboard:
    """The figures on a programme's page, each one aggregate query."""
    counts = dict(
        Application.objects.filter(round__programme=programme)
        .order_by()
        .values_list("status")
        # COUNT(*), not COUNT(id): PostgreSQL can answer it from the (round, status) index alone.
        .annotate(count=Count("*"))
        .values_list("status", "count")
    )
    by_status = [StatusCount(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices]

    budgets = list(ProgrammeBudget.objects.filter(programme=programme).order_by("financial_year"))
    for budget in budgets:
        budget.percent_committed = _percent(budget.committed, budget.amount)

    within = settings.FUNDING_PAYMENTS_DUE_WITHIN_DAYS
    until = today + datetime.timedelta(days=within)
    figures = _payment_figures(Payment.objects.filter(programme=programme).order_by(), today, until)

    short = Award.objects.filter(programme=programme, is_short=True, status__in=COMMITTED_STATUSES).count()
    rounds = list(Round.objects.filter(programme=programme).order_by("-opens_on", "id"))
    return Dashboard(
        programme=programme,
        applications_by_status=by_status,
        budgets=budgets,
        payments_due=Money(figures["due_count"], figures["due_total"] or Decimal("0")),
        payments_held=Money(figures["held_count"], figures["held_total"] or Decimal("0")),
        due_from=today,
        due_until=until,
        due_within_days=within,
        short_awards=short,
        rounds=rounds,
    )


def _payment_figures(payments: QuerySet[Payment], today: datetime.date, until: datetime.date) -> dict:
    """Due and held payments: two aggregates, each a range read of payment_programme_due_idx."""
    due = payments.filter(status__in=DUE_PAYMENT_STATUSES, due_on__gte=today, due_on__lte=until).aggregate(
        due_count=Count("pk"), due_total=Sum("amount")
    )
    held = payments.filter(status=PaymentStatus.HELD).aggregate(held_count=Count("pk"), held_total=Sum("amount"))
    return {**due, **held}


# Public pages


def open_rounds(*, today: datetime.date) -> QuerySet[Round]:
    """Published rounds open today or opening soon, in programmes still running, soonest to close first."""
    soon = today + datetime.timedelta(days=settings.FUNDING_ROUNDS_OPENING_SOON_DAYS)
    return (
        Round.objects.filter(is_published=True, closes_on__gte=today, opens_on__lte=soon, programme__status="active")
        .select_related("programme", "programme__eligibility")
        .prefetch_related("programme__eligibility__areas")
        .order_by("closes_on", "id")
    )


def round_for_page(pk: int) -> Round:
    return (
        Round.objects.select_related("programme", "programme__administering_body", "programme__eligibility")
        .prefetch_related("programme__eligibility__areas")
        .get(pk=pk)
    )


def public_programmes() -> QuerySet[Programme]:
    """Every programme, running and closed, with what replaced what and its published rounds."""
    return (
        Programme.objects.select_related("administering_body", "replaces", "replaced_by")
        .prefetch_related(Prefetch("rounds", queryset=Round.objects.filter(is_published=True).order_by("-opens_on")))
        .order_by("status", "name")
    )


def criteria_of(programme: Programme) -> QuerySet[Criterion]:
    return Criterion.objects.filter(programme=programme).order_by("position", "id")


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def eligibility_summary(rules: EligibilityRules | None) -> list[str]:
    """The rules in plain English, one line each, for applicants and staff."""
    if rules is None:
        return ["Open to third sector organisations."]
    lines = []
    if rules.organisation_kinds:
        names = [
            str(OrganisationKind(kind).label).lower() for kind in rules.organisation_kinds if kind in OrganisationKind
        ]
        lines.append("Open to: " + ", ".join(names) + ".")
    else:
        lines.append("Open to third sector organisations of any kind.")
    if rules.minimum_income is not None and rules.maximum_income is not None:
        lines.append(
            f"Annual income of at least {_pounds(rules.minimum_income)} and under {_pounds(rules.maximum_income)}."
        )
    elif rules.minimum_income is not None:
        lines.append(f"Annual income of at least {_pounds(rules.minimum_income)}.")
    elif rules.maximum_income is not None:
        lines.append(f"Annual income under {_pounds(rules.maximum_income)}.")
    areas = sorted(area.name for area in rules.areas.all())
    if areas:
        lines.append("Work in: " + ", ".join(areas) + ".")
    if rules.requires_strategic_partner_status:
        lines.append("Only organisations with current strategic partner status.")
    if rules.minimum_amount is not None and rules.maximum_amount is not None:
        lines.append(f"Grants of {_pounds(rules.minimum_amount)} to {_pounds(rules.maximum_amount)}.")
    elif rules.minimum_amount is not None:
        lines.append(f"Grants of at least {_pounds(rules.minimum_amount)}.")
    elif rules.maximum_amount is not None:
        lines.append(f"Grants of up to {_pounds(rules.maximum_amount)}.")
    if rules.minimum_months is not None and rules.maximum_months is not None:
        lines.append(f"Work lasting {rules.minimum_months} to {rules.maximum_months} months.")
    elif rules.minimum_months is not None:
        lines.append(f"Work lasting at least {rules.minimum_months} months.")
    elif rules.maximum_months is not None:
        lines.append(f"Work lasting no more than {rules.maximum_months} months.")
    return lines
