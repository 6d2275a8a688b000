"""Reads for the board packs: the list and a pack's page, and the three parts a pack is assembled from.

Who sees which packs: staff and the Compact Commissioner see every board's; a board member sees the
packs of the boards they hold a current seat on (`packs_seen_by`), and no other board's, as with a
board's meetings and papers. The pages ask through these, so another board's pack is simply not found.

Each part (`indicator_figures`, `programme_plan`, `compact_figures`) returns plain JSON-ready data, the
figures already written as the pack shows them and dates as ISO strings, so a pack keeps them exactly
as they stood when it was generated. They read through the owning apps' own selectors where those fit
(the indicators' summaries and RAG, the Programme Board's progress report, the Compact's body list and
what counts as resolved or short); the Compact counts here are by date range, as a quarter needs.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.compact.models import BreachCase, BreachFinding, Consultation
from thirdsector.compact.selectors.dashboard import RESOLVED, SHORT, compact_bodies
from thirdsector.partnerships.models import Board
from thirdsector.partnerships.models.boards import BoardKind
from thirdsector.partnerships.reports import NOT_RATED, build_progress_report
from thirdsector.partnerships.selectors.boards import current_memberships

from ..models import BoardPack, Quarter, Unit
from ..views.indicators import shown
from .indicators import Summary, summaries

# --- Pages ----------------------------------------------------------------------------------------


def sees_every_board(user) -> bool:
    return user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def packs_seen_by(user) -> QuerySet[BoardPack]:
    """Every pack for staff and the Commissioner; for anyone else, those of the boards they sit on now.

    The seats are a subquery, so filtering adds no query to the page.
    """
    if sees_every_board(user):
        return BoardPack.objects.all()
    if not user.is_authenticated:
        return BoardPack.objects.none()
    return BoardPack.objects.filter(board__in=current_memberships().filter(user=user).values("board_id"))


def board_packs(user) -> QuerySet[BoardPack]:
    """The packs `user` sees, newest quarter and version first, without the stored content the list does
    not show."""
    return packs_seen_by(user).select_related("board", "requested_by").defer("content", "html")


def pack_for_page(pk: int, user) -> BoardPack:
    """The pack, if `user` sees it; raises BoardPack.DoesNotExist otherwise, as for a pack that is not there."""
    return packs_seen_by(user).select_related("board", "requested_by", "retried_as", "retry_of").get(pk=pk)


def partnership_boards() -> QuerySet[Board]:
    return Board.objects.filter(kind=BoardKind.PARTNERSHIP).order_by("name")


# --- The indicators ----------------------------------------------------------------------------------


def _figure(value, unit: str) -> str:
    return "–" if value is None else shown(value, unit)


def indicator_figures(as_of: datetime.date) -> list[dict]:
    """Each indicator's headline trend up to the year `as_of` falls in, with its target and RAG status."""
    figures = []
    for summary in summaries(public=False):
        indicator = summary.indicator
        last_year = Quarter.containing(as_of).year if indicator.financial_years else as_of.year
        summary = Summary(indicator, [value for value in summary.trend if value.year <= last_year])
        latest, previous, rag = summary.latest, summary.previous, summary.rag
        share = indicator.unit == Unit.PERCENT
        figures.append(
            {
                "name": indicator.name,
                "question": indicator.question,
                "strategy_measure": indicator.strategy_measure,
                "polarity": indicator.get_polarity_display(),
                "share": share,
                "latest_year": indicator.year_label(latest.year) if latest else "",
                "latest": _figure(latest.value, indicator.unit) if latest else "Not computed yet",
                "previous": _figure(previous.value, indicator.unit) if previous else "–",
                "target": "None set" if indicator.target is None else shown(indicator.target, indicator.unit),
                "rag": rag.code if rag else "",
                "rag_label": rag.label if rag else "No target",
                "computed_at": latest.computed_at.isoformat() if latest else None,
                "trend": [
                    {
                        "year": indicator.year_label(value.year),
                        "part": int(value.numerator) if share else None,
                        "whole": int(value.denominator or 0) if share else None,
                        "figure": _figure(value.value, indicator.unit),
                    }
                    for value in summary.trend
                ],
            }
        )
    return figures


# --- The Programme Board's plan ----------------------------------------------------------------------


def programme_plan(quarter: Quarter, as_of: datetime.date) -> dict:
    """The plan as it stood on `as_of` (the Programme Board's progress report), with the milestones done in
    the quarter; each milestone carries its workstream's RAG status."""
    plan = build_progress_report(as_of=as_of, since=quarter.starts_on - datetime.timedelta(days=1))
    rag_of = {f"{row['code']} {row['title']}": row["rag"] for row in plan["workstreams"]}
    for key in ("milestones_done", "milestones_overdue", "milestones_due"):
        for milestone in plan[key]:
            milestone["rag"] = rag_of.get(milestone["workstream"], NOT_RATED)
    return plan


# --- The Compact statistics --------------------------------------------------------------------------

BREACH_COLUMNS = ("reported", "upheld", "partly_upheld", "not_upheld", "awaiting", "closed")
CONSULTATION_COLUMNS = ("published", "full_length")


def _breaches_by_body(starts_on: datetime.date, ends_on: datetime.date) -> dict[int, dict]:
    """Breach cases reported in the range, per body and by the outcome recorded now: one query."""
    rows = (
        BreachCase.objects.filter(reported_on__range=(starts_on, ends_on))
        .order_by()
        .values("body_id")
        .annotate(
            reported=Count("pk"),
            upheld=Count("pk", filter=Q(outcome=BreachFinding.UPHELD)),
            partly_upheld=Count("pk", filter=Q(outcome=BreachFinding.PARTLY_UPHELD)),
            not_upheld=Count("pk", filter=Q(outcome=BreachFinding.NOT_UPHELD)),
            awaiting=Count("pk", filter=Q(outcome="")),
            closed=Count("pk", filter=RESOLVED),
        )
    )
    return {row.pop("body_id"): row for row in rows}


def _consultations_by_body(starts_on: datetime.date, ends_on: datetime.date) -> dict[int, dict]:
    """Published consultations that opened in the range, and those that ran for the minimum or longer."""
    rows = (
        Consultation.objects.published()
        .filter(opens_on__range=(starts_on, ends_on))
        .order_by()
        .values("body_id")
        .annotate(published=Count("pk"), full_length=Count("pk", filter=~SHORT))
    )
    return {row.pop("body_id"): row for row in rows}


def _table(bodies, counts: dict[int, dict], columns: tuple[str, ...]) -> dict:
    rows = [{"body": body.organisation.name, **counts[body.pk]} for body in bodies if body.pk in counts]
    total = {column: sum(row[column] for row in rows) for column in columns}
    return {"rows": rows, "total": total}


def _period(bodies, starts_on: datetime.date, ends_on: datetime.date) -> dict:
    return {
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "breaches": _table(bodies, _breaches_by_body(starts_on, ends_on), BREACH_COLUMNS),
        "consultations": _table(bodies, _consultations_by_body(starts_on, ends_on), CONSULTATION_COLUMNS),
    }


def compact_figures(quarter: Quarter, as_of: datetime.date) -> dict:
    """Breaches by body and outcome, and consultations of the minimum length or more, for the quarter and
    for the financial year to its end (or to `as_of`, for a quarter not yet over)."""
    bodies = compact_bodies()
    ends_on = min(quarter.ends_on, as_of)
    return {
        "minimum_weeks": settings.COMPACT_CONSULTATION_MINIMUM_WEEKS,
        "quarter": _period(bodies, quarter.starts_on, ends_on),
        "year_to_date": _period(bodies, quarter.year_starts_on, ends_on),
    }
