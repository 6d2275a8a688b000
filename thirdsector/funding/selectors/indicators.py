"""Funding's figures for the strategy's indicators (see `measures/definitions.py`), by financial year.

Each counts the rows the staff lists show with the same filters, and links to that list, so a figure
can be followed to the awards or payments behind it.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from ..financial_years import financial_year_end
from ..models import COMMITTED_STATUSES, Award, AwardYear, Payment, PaymentStatus
from .lists import COMMITTED


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
