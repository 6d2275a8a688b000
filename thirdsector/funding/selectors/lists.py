"""The staff lists of applications, awards and payments, and the public list of published awards.

Each list is one queryset in a fixed order an index already holds (awards: award_list_idx, newest
first; applications and payments by id or due date), with the rows' organisation and programme joined
in the same query. A page reads one row more than it shows, so it knows whether there is a next page
without counting; when there is, it counts at most FUNDING_LIST_EXACT_COUNT_UP_TO matches and says
"more than" above that, as the register does, because counting a million awards costs more than the
rest of the page. The CSV is the same rows, in the same order with the same columns, streamed.
"""

import datetime
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import NoReverseMatch, reverse

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.core.paging import ResultCount, ResultPage
from thirdsector.register.models import Area
from thirdsector.register.selectors import area_and_places_within

from ..financial_years import financial_year_end, financial_year_start
from ..models import (
    COMMITTED_STATUSES,
    Application,
    Award,
    AwardYear,
    Payment,
    Programme,
    Round,
)
from .programmes import DUE_PAYMENT_STATUSES, programmes_run_by

# Status filters that stand for several statuses at once (the dashboard's figures link to them).
COMMITTED = "committed"
DUE = "due"


@dataclass(frozen=True)
class ListFilters:
    programme: Programme | None = None
    round: Round | None = None
    status: str = ""
    financial_year: int | None = None
    area: Area | None = None
    short_only: bool = False
    amount_from: Decimal | None = None
    amount_to: Decimal | None = None
    organisation: str = ""
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None

    @classmethod
    def from_choices(cls, data: dict) -> "ListFilters":
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in names and value not in (None, "")})


def _run_by(queryset: QuerySet, user, programme_path: str) -> QuerySet:
    """Only rows in programmes `user` runs: staff see every programme, fund administrators their body's."""
    if user.has_role(*STAFF_ROLES):
        return queryset
    return queryset.filter(**{f"{programme_path}__in": programmes_run_by(user).values("pk")})


def _common(queryset: QuerySet, filters: ListFilters, *, programme: str, organisation: str, amount: str) -> QuerySet:
    if filters.programme is not None:
        queryset = queryset.filter(**{programme: filters.programme})
    if filters.area is not None:
        queryset = queryset.filter(**{f"{organisation}__local_authority_id__in": area_and_places_within(filters.area)})
    if filters.organisation.strip():
        queryset = queryset.filter(**{f"{organisation}__name__icontains": filters.organisation.strip()})
    if filters.amount_from is not None:
        queryset = queryset.filter(**{f"{amount}__gte": filters.amount_from})
    if filters.amount_to is not None:
        queryset = queryset.filter(**{f"{amount}__lte": filters.amount_to})
    return queryset


def applications_list(user, filters: ListFilters) -> QuerySet[Application]:
    """Applications in programmes `user` runs, newest first (by id: the primary key's index)."""
    queryset = _run_by(Application.objects.all(), user, "round__programme")
    queryset = _common(
        queryset, filters, programme="round__programme", organisation="organisation", amount="amount_requested"
    )
    if filters.round is not None:
        queryset = queryset.filter(round=filters.round)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.financial_year is not None:
        # Applications belong to the financial year their work would start in.
        queryset = queryset.filter(
            starts_on__gte=financial_year_start(filters.financial_year),
            starts_on__lte=financial_year_end(filters.financial_year),
        )
    return queryset.select_related("organisation", "round", "round__programme").order_by("-id")


def _awards(queryset: QuerySet[Award], filters: ListFilters) -> QuerySet[Award]:
    queryset = _common(queryset, filters, programme="programme", organisation="organisation", amount="amount")
    if filters.round is not None:
        queryset = queryset.filter(round=filters.round)
    if filters.status == COMMITTED:
        queryset = queryset.filter(status__in=COMMITTED_STATUSES)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.short_only:
        queryset = queryset.filter(is_short=True)
    if filters.financial_year is not None:
        in_year = AwardYear.objects.filter(award=OuterRef("pk"), financial_year=filters.financial_year)
        # An award with money in a year started by that year's end: saying so lets the newest-first index
        # skip the later awards instead of testing each one. (A bound on ends_on too makes it sort instead.)
        queryset = queryset.filter(Exists(in_year), starts_on__lte=financial_year_end(filters.financial_year))
    return queryset.select_related("organisation", "programme")


def awards_list(user, filters: ListFilters) -> QuerySet[Award]:
    """Awards in programmes `user` runs, newest start first (award_list_idx)."""
    return _awards(_run_by(Award.objects.all(), user, "programme"), filters).order_by("-starts_on", "-id")


def published_awards_list(filters: ListFilters, *, today: datetime.date) -> QuerySet[Award]:
    """Awards published on or before today, most recently published first; anyone may see these."""
    queryset = Award.objects.filter(published_on__isnull=False, published_on__lte=today)
    return _awards(queryset, ListFilters(**{**filters.__dict__, "status": ""})).order_by("-published_on", "-id")


def payments_list(user, filters: ListFilters) -> QuerySet[Payment]:
    """Payments in programmes `user` runs, soonest due first."""
    queryset = _run_by(Payment.objects.all(), user, "programme")
    queryset = _common(queryset, filters, programme="programme", organisation="award__organisation", amount="amount")
    if filters.status == DUE:
        queryset = queryset.filter(status__in=DUE_PAYMENT_STATUSES)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.financial_year is not None:
        queryset = queryset.filter(financial_year=filters.financial_year)
    if filters.due_from is not None:
        queryset = queryset.filter(due_on__gte=filters.due_from)
    if filters.due_to is not None:
        queryset = queryset.filter(due_on__lte=filters.due_to)
    return queryset.select_related("award", "award__organisation", "programme").order_by("due_on", "id")


# Pages


def _capped_count(queryset: QuerySet, cap: int) -> int:
    # Counted in the list's own order: the first cap + 1 rows come off the index the list reads. Without
    # it PostgreSQL reads from the lowest id up, which for this year's awards means most of the table.
    return queryset.values("pk")[: cap + 1].count()


def list_page(queryset: QuerySet, number, *, per_page: int | None = None) -> ResultPage:
    """Page `number` of `queryset` in its order; like Paginator.get_page, a bad number gives page 1
    and one past the end the last page. One query when the rows fit on a page, two when they do not."""
    per_page = per_page or settings.FUNDING_LIST_PAGE_SIZE
    cap = settings.FUNDING_LIST_EXACT_COUNT_UP_TO
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if not rows and number > 1:
        total = _capped_count(queryset, cap)
        number = max(math.ceil(min(total, cap) / per_page), 1)
        offset = (number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
        if not rows:
            return ResultPage([], 1, ResultCount(0, per_page))
    seen = offset + len(rows)
    if len(rows) <= per_page:
        return ResultPage(rows, number, ResultCount(seen, per_page, pages_seen=number))
    pages_seen = number + 1
    total = _capped_count(queryset, cap)
    if total > cap:
        return ResultPage(rows[:per_page], number, ResultCount(max(cap, seen - 1), per_page, True, pages_seen))
    return ResultPage(rows[:per_page], number, ResultCount(total, per_page, pages_seen=pages_seen))


# Columns: what a row shows, used by both the page and its CSV so the two cannot differ.


@dataclass(frozen=True)
class Cell:
    value: object
    kind: str = "text"  # text, money, date, link, tag
    url: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[object, "_Links"], Cell]


class _Links:
    """URLs of pages other capabilities own, left out while their route is not there yet."""

    def __init__(self):
        self._exists: dict[str, bool] = {}

    def url(self, name: str, *args) -> str:
        if self._exists.get(name) is False:
            return ""
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            self._exists[name] = False
            return ""
        self._exists[name] = True
        return url


def _text(getter: Callable) -> Callable:
    return lambda row, links: Cell(getter(row))


def _money(getter: Callable) -> Callable:
    return lambda row, links: Cell(getter(row), "money")


def _date(getter: Callable) -> Callable:
    return lambda row, links: Cell(getter(row), "date")


APPLICATION_COLUMNS = (
    Column("Reference", lambda a, links: Cell(a.reference, "link", links.url("funding:application", a.reference))),
    Column("Organisation", _text(lambda a: a.organisation.name)),
    Column("Programme", _text(lambda a: a.round.programme.name)),
    Column("Round", _text(lambda a: a.round.name)),
    Column("Title", _text(lambda a: a.project_title)),
    Column("Amount requested", _money(lambda a: a.amount_requested)),
    Column("Months", _text(lambda a: a.duration_months)),
    Column("Status", lambda a, links: Cell(a.get_status_display(), "tag")),
    Column("Submitted", _date(lambda a: a.submitted_at.date() if a.submitted_at else None)),
)

AWARD_COLUMNS = (
    Column("Reference", lambda a, links: Cell(a.reference, "link", links.url("funding:award", a.reference))),
    Column("Organisation", _text(lambda a: a.organisation.name)),
    Column("Programme", _text(lambda a: a.programme.name)),
    Column("Title", _text(lambda a: a.title)),
    Column("Amount", _money(lambda a: a.amount)),
    Column("Starts", _date(lambda a: a.starts_on)),
    Column("Ends", _date(lambda a: a.ends_on)),
    Column("Status", lambda a, links: Cell(a.get_status_display(), "tag")),
    Column("Short award", _text(lambda a: "Short" if a.is_short else "")),
)

PUBLISHED_AWARD_COLUMNS = (
    Column("Reference", _text(lambda a: a.reference)),
    Column("Organisation", _text(lambda a: a.organisation.name)),
    Column("Programme", _text(lambda a: a.programme.name)),
    Column("Title", _text(lambda a: a.title)),
    Column("Amount", _money(lambda a: a.amount)),
    Column("Starts", _date(lambda a: a.starts_on)),
    Column("Ends", _date(lambda a: a.ends_on)),
)

PAYMENT_COLUMNS = (
    Column("Award", lambda p, links: Cell(p.award.reference, "link", links.url("funding:award", p.award.reference))),
    Column("Organisation", _text(lambda p: p.award.organisation.name)),
    Column("Programme", _text(lambda p: p.programme.name)),
    Column("Payment", _text(lambda p: p.number)),
    Column("Due", _date(lambda p: p.due_on)),
    Column("Amount", _money(lambda p: p.amount)),
    Column("Status", lambda p, links: Cell(p.get_status_display(), "tag")),
)


def rows_of(objects, columns: tuple[Column, ...]) -> Iterator[list[Cell]]:
    links = _Links()
    for item in objects:
        yield [column.cell(item, links) for column in columns]
