"""Reads for strategy progress, shaped for the plan, a workstream's page and the reports."""

from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ..models import Milestone, ProgressReport, StatusUpdate, StrategyArea, Workstream


def _latest_status(as_of: date | None = None) -> QuerySet:
    updates = StatusUpdate.objects.filter(workstream=OuterRef("pk"))
    if as_of is not None:
        updates = updates.filter(as_of__lte=as_of)
    return updates.order_by("-as_of", "-pk")


def workstreams_with_status(today: date, as_of: date | None = None) -> QuerySet[Workstream]:
    """Workstreams with their current RAG, its reason and date, next milestone and overdue count.

    One query whatever the number of workstreams: the current status and next milestone are subqueries.
    """
    latest = _latest_status(as_of)
    upcoming = Milestone.objects.filter(workstream=OuterRef("pk"), done_on__isnull=True).order_by("due_on", "pk")
    return (
        Workstream.objects.select_related("area", "owner")
        .annotate(
            current_rag=Subquery(latest.values("rag")[:1]),
            current_reason=Subquery(latest.values("reason")[:1]),
            current_as_of=Subquery(latest.values("as_of")[:1]),
            next_milestone_title=Subquery(upcoming.values("title")[:1]),
            next_milestone_due_on=Subquery(upcoming.values("due_on")[:1]),
            overdue_milestones=Count(
                "milestones", filter=Q(milestones__done_on__isnull=True, milestones__due_on__lt=today)
            ),
        )
        .order_by("area__number", "position")
    )


def plan_by_area(today: date) -> list[tuple[StrategyArea, list[Workstream]]]:
    """The plan grouped by strategy area, in the strategy's order."""
    groups: dict[int, tuple[StrategyArea, list[Workstream]]] = {}
    for workstream in workstreams_with_status(today):
        groups.setdefault(workstream.area_id, (workstream.area, []))[1].append(workstream)
    return list(groups.values())


def workstream_for_page(pk: int) -> Workstream:
    return (
        Workstream.objects.select_related("area", "owner")
        .prefetch_related("milestones", "status_updates__recorded_by", "risks")
        .get(pk=pk)
    )


def current_status(workstream: Workstream) -> StatusUpdate | None:
    return workstream.status_updates.order_by("-as_of", "-pk").first()


def progress_reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.select_related("meeting__board", "created_by").order_by("-as_of", "-pk")
