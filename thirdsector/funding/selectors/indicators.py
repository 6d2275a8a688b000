"""Funding's figures for the strategy's indicators (see `measures/definitions.py`), by financial year.

Each counts the rows the staff lists show with the same filters, and links to that list, so a figure
can be followed to the awards, payments or decided applications behind it.
"""

import datetime
import statistics
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from ..financial_years import financial_year_end, financial_year_start
from ..models import COMMITTED_STATUSES, Application, ApplicationStatus, Award, AwardYear, Payment, PaymentStatus
from .lists import COMMITTED

# A decision is an approval or a decline; a withdrawn application was never decided.
DECIDED_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED)


def _by_programme(rows: QuerySet, year: int, *, part: str, whole: str, url) -> list[Measurement]:
    """The headline and one measurement per programme from `rows` (programme_id, programme__name, part, whole)."""
    rows = list(rows.order_by("programme__name"))
    headline = Measurement(year, sum(row[part] for row in rows), sum(row[whole] for row in rows), rows_url=url())
    return [headline] + [
        Measurement(
            year,
            row[part],
            row[whole],
            breakdown="programme",
            key=str(row["programme_id"]),
            label=row["programme__name"],
            rows_url=url(row["programme_id"]),
        )
        for row in rows
    ]


def grants_on_three_year_terms(*, year: int) -> list[Measurement]:
    """Committed grants with money in the financial year that are not short (three years or more), of all.

    The linked rows are the award list filtered to committed awards in that year; it marks the short ones.
    """
    with_money = AwardYear.objects.filter(award=OuterRef("pk"), financial_year=year)
    rows = (
        Award.objects.filter(Exists(with_money), status__in=COMMITTED_STATUSES, starts_on__lte=financial_year_end(year))
        .values("programme_id", "programme__name")
        .annotate(grants=Count("pk"), long=Count("pk", filter=Q(is_short=False)))
    )

    def url(programme=None):
        return link("funding:awards", status=COMMITTED, financial_year=year, programme=programme)

    return _by_programme(rows, year, part="long", whole="grants", url=url)


def payments_in_advance(*, year: int) -> list[Measurement]:
    """Payments of the financial year already paid that were paid on or before their due date, of all paid."""
    rows = (
        Payment.objects.filter(status=PaymentStatus.PAID, financial_year=year)
        .values("programme_id", "programme__name")
        .annotate(paid=Count("pk"), in_advance=Count("pk", filter=Q(paid_on__lte=F("due_on"))))
    )

    def url(programme=None):
        return link("funding:payment-list", status=PaymentStatus.PAID, financial_year=year, programme=programme)

    return _by_programme(rows, year, part="in_advance", whole="paid", url=url)


def decided_in_year(year: int, programme=None) -> QuerySet[Application]:
    """Approved or declined applications whose decision fell in the financial year, oldest decision first."""
    start = datetime.datetime.combine(
        financial_year_start(year), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    end = datetime.datetime.combine(
        financial_year_end(year) + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    rows = Application.objects.filter(
        status__in=DECIDED_STATUSES, submitted_at__isnull=False, decided_at__gte=start, decided_at__lt=end
    )
    if programme is not None:
        rows = rows.filter(round__programme=programme)
    return rows.select_related("organisation", "round__programme").order_by("decided_at", "id")


def days_taken(application: Application) -> int:
    """Calendar days from the day it was submitted to the day it was decided, in local time."""
    return (timezone.localdate(application.decided_at) - timezone.localdate(application.submitted_at)).days


def _median(days: list[int]) -> Decimal:
    return Decimal(str(statistics.median(days))) if days else Decimal(0)


def days_to_decide(*, year: int) -> list[Measurement]:
    """The median days from submission to decision of applications decided in the financial year.

    A count of days (denominator None), lower is better; a year or programme with no decisions is left
    out rather than shown as 0. The linked rows are those applications, each with its days.
    """
    decided = list(decided_in_year(year))
    if not decided:
        return []

    def url(programme=None):
        return link("funding:decision-times", year=year, programme=programme)

    measurements = [Measurement(year, _median([days_taken(row) for row in decided]), rows_url=url())]
    by_programme: dict[int, list[Application]] = {}
    for row in decided:
        by_programme.setdefault(row.round.programme_id, []).append(row)
    for rows in sorted(by_programme.values(), key=lambda rows: rows[0].round.programme.name):
        programme = rows[0].round.programme
        measurements.append(
            Measurement(
                year,
                _median([days_taken(row) for row in rows]),
                breakdown="programme",
                key=str(programme.pk),
                label=programme.name,
                rows_url=url(programme.pk),
            )
        )
    return measurements
