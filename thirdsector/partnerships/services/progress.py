"""Writes for strategy progress: RAG updates, milestones, risks and issues, and saved progress reports."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from thirdsector.core.workflow import take

from ..models import Milestone, ProgressReport, Rag, RiskKind, RiskOrIssue, StatusUpdate, Workstream
from ..reports import build_progress_report


class ProgressError(Exception):
    """A change to the plan that cannot be made, with a message the person can act on."""


def _today() -> date:
    return timezone.localdate()


@transaction.atomic
def record_status(*, workstream: Workstream, rag: str, reason: str, by, as_of: date | None = None) -> StatusUpdate:
    """Records a RAG rating; it becomes the current status and the earlier ones stay as history."""
    reason = (reason or "").strip()
    if not reason:
        raise ProgressError("Give the reason for the RAG status")
    if rag not in Rag.values:
        raise ProgressError("Choose red, amber or green")
    as_of = as_of or _today()
    if as_of > _today():
        raise ProgressError("The status date cannot be in the future")
    return StatusUpdate.objects.create(workstream=workstream, rag=rag, reason=reason, as_of=as_of, recorded_by=by)


@transaction.atomic
def add_milestone(*, workstream: Workstream, title: str, due_on: date) -> Milestone:
    title = (title or "").strip()
    if not title:
        raise ProgressError("Enter the milestone")
    return Milestone.objects.create(workstream=workstream, title=title, due_on=due_on)


@transaction.atomic
def complete_milestone(*, milestone: Milestone, done_on: date | None = None) -> Milestone:
    done_on = done_on or _today()
    if milestone.done_on is not None:
        raise ProgressError("This milestone is already done")
    if done_on > _today():
        raise ProgressError("The date it was done cannot be in the future")
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def add_risk(
    *, workstream: Workstream, description: str, owner_name: str, mitigation: str = "",
    kind: str = RiskKind.RISK, raised_on: date | None = None,
) -> RiskOrIssue:  # fmt: skip
    if not (description or "").strip():
        raise ProgressError("Describe the risk or issue")
    if not (owner_name or "").strip():
        raise ProgressError("Enter who owns the risk or issue")
    return RiskOrIssue.objects.create(
        workstream=workstream, kind=kind, description=description.strip(), owner_name=owner_name.strip(),
        mitigation=(mitigation or "").strip(), raised_on=raised_on or _today(),
    )  # fmt: skip


def close_risk(*, risk: RiskOrIssue, by, reason: str, closed_on: date | None = None) -> RiskOrIssue:
    """Closes a risk or issue through its workflow step (TransitionRefused if it may not be closed)."""
    if not (reason or "").strip():
        raise ProgressError("Give the reason for closing it")
    return take(risk, "close", by=by, reason=reason, closed_on=closed_on or _today())


@transaction.atomic
def generate_progress_report(*, as_of: date, by, meeting=None) -> ProgressReport:
    """Builds the report for `as_of` and saves it as a snapshot; later changes to the plan do not alter it.

    Milestones "done since the last report" count from the latest earlier report's date.
    """
    if as_of > _today():
        raise ProgressError("The report date cannot be in the future")
    previous = ProgressReport.objects.filter(as_of__lt=as_of).order_by("-as_of", "-pk").first()
    since = previous.as_of if previous else None
    content = build_progress_report(as_of=as_of, since=since, meeting=meeting)
    return ProgressReport.objects.create(as_of=as_of, since=since, meeting=meeting, content=content, created_by=by)
