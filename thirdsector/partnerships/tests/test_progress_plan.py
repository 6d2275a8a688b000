"""Strategy progress: the plan's rules (RAG with reasons and history, milestones, risks)."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused
from thirdsector.partnerships.models import RiskStatus, StatusUpdate, StrategyArea, Workstream
from thirdsector.partnerships.selectors.progress import current_status, workstreams_with_status
from thirdsector.partnerships.services.progress import (
    ProgressError,
    add_milestone,
    add_risk,
    close_risk,
    complete_milestone,
    record_status,
)

from .factories import MilestoneFactory, RiskOrIssueFactory, StatusUpdateFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def test_the_strategy_s_four_areas_and_their_commitments_are_loaded():
    assert list(StrategyArea.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert Workstream.objects.filter(area__number=1).count() == 6
    assert Workstream.objects.filter(title="Strategic Partners Grant Programme", area__number=3).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_rag_update_needs_a_reason(staff_user, reason):
    workstream = WorkstreamFactory()
    with pytest.raises(ProgressError, match="reason"):
        record_status(workstream=workstream, rag="red", reason=reason, by=staff_user)
    assert not workstream.status_updates.exists()


def test_the_database_refuses_a_rag_status_without_a_reason():
    with pytest.raises(IntegrityError):
        StatusUpdate.objects.create(
            workstream=WorkstreamFactory(), rag="amber", reason="", as_of=datetime.date(2026, 1, 5)
        )


def test_the_current_status_is_the_latest_and_earlier_ones_are_kept(staff_user):
    workstream = WorkstreamFactory()
    today = timezone.localdate()
    record_status(
        workstream=workstream, rag="green", reason="On track", by=staff_user, as_of=today - datetime.timedelta(days=30)
    )
    record_status(workstream=workstream, rag="red", reason="Funding withdrawn", by=staff_user)

    assert current_status(workstream).rag == "red"
    assert current_status(workstream).recorded_by == staff_user
    assert list(workstream.status_updates.values_list("rag", flat=True)) == ["red", "green"]
    annotated = workstreams_with_status(today).get(pk=workstream.pk)
    assert (annotated.current_rag, annotated.current_reason) == ("red", "Funding withdrawn")


def test_two_updates_on_one_day_the_later_one_is_current(staff_user):
    workstream = WorkstreamFactory()
    record_status(workstream=workstream, rag="amber", reason="First look", by=staff_user)
    record_status(workstream=workstream, rag="green", reason="Second look", by=staff_user)
    assert current_status(workstream).reason == "Second look"


def test_a_status_cannot_be_dated_in_the_future(staff_user):
    with pytest.raises(ProgressError, match="future"):
        record_status(
            workstream=WorkstreamFactory(), rag="green", reason="Fine", by=staff_user,
            as_of=timezone.localdate() + datetime.timedelta(days=1),
        )  # fmt: skip


def test_a_milestone_past_its_due_date_and_not_done_is_overdue():
    today = datetime.date(2026, 5, 1)
    assert MilestoneFactory(due_on=datetime.date(2026, 4, 30)).is_overdue(today)
    assert not MilestoneFactory(due_on=today).is_overdue(today)
    assert not MilestoneFactory(due_on=datetime.date(2026, 4, 1), done_on=datetime.date(2026, 4, 20)).is_overdue(today)


def test_the_plan_counts_overdue_milestones_and_shows_the_next_one():
    today = timezone.localdate()
    workstream = WorkstreamFactory()
    MilestoneFactory(workstream=workstream, title="Late", due_on=today - datetime.timedelta(days=3))
    MilestoneFactory(workstream=workstream, title="Done", due_on=today - datetime.timedelta(days=9), done_on=today)
    MilestoneFactory(workstream=workstream, title="Later", due_on=today + datetime.timedelta(days=20))

    annotated = workstreams_with_status(today).get(pk=workstream.pk)
    assert annotated.overdue_milestones == 1
    assert annotated.next_milestone_title == "Late"


def test_adding_and_completing_a_milestone():
    milestone = add_milestone(workstream=WorkstreamFactory(), title="Board set up", due_on=datetime.date(2026, 9, 1))
    complete_milestone(milestone=milestone, done_on=datetime.date(2026, 8, 28))
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 8, 28)
    assert milestone.history.count() == 2
    with pytest.raises(ProgressError, match="already done"):
        complete_milestone(milestone=milestone)


def test_a_risk_needs_a_description_and_an_owner():
    with pytest.raises(ProgressError, match="Describe"):
        add_risk(workstream=WorkstreamFactory(), description="", owner_name="Priya")
    with pytest.raises(ProgressError, match="owns"):
        add_risk(workstream=WorkstreamFactory(), description="Delay", owner_name="")


def test_staff_close_a_risk_with_a_reason_and_an_audit_record(staff_user):
    risk = RiskOrIssueFactory()
    close_risk(risk=risk, by=staff_user, reason="Funding confirmed")
    risk.refresh_from_db()
    assert risk.status == RiskStatus.CLOSED
    assert risk.closed_on == timezone.localdate()
    record = risk.history.first()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Funding confirmed"


def test_only_staff_close_a_risk(commissioner_user):
    risk = RiskOrIssueFactory()
    with pytest.raises(TransitionRefused, match="department staff"):
        close_risk(risk=risk, by=commissioner_user, reason="Looks fine")
    risk.refresh_from_db()
    assert risk.status == RiskStatus.OPEN


def test_a_closed_risk_cannot_be_closed_again(staff_user):
    risk = RiskOrIssueFactory()
    close_risk(risk=risk, by=staff_user, reason="Gone")
    with pytest.raises(TransitionRefused):
        close_risk(risk=risk, by=staff_user, reason="Again")


def test_status_updates_keep_an_audit_record(staff_user):
    update = StatusUpdateFactory()
    assert update.history.count() == 1


def test_the_demo_loads_a_year_of_progress_once():
    from thirdsector.partnerships.demo.progress import load_progress
    from thirdsector.partnerships.models import ProgressReport

    load_progress()
    load_progress()
    assert StatusUpdate.objects.filter(rag="red").count() == 2
    assert ProgressReport.objects.count() == 2
    assert Workstream.objects.exclude(owner_name="").count() == Workstream.objects.count()
