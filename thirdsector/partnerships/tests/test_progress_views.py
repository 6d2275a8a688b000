"""Strategy progress pages: who may see and change them, the forms, and pinned query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES
from thirdsector.partnerships.models import ProgressReport, RiskStatus
from thirdsector.partnerships.services.progress import generate_progress_report

from .factories import MeetingFactory, MilestoneFactory, RiskOrIssueFactory, StatusUpdateFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

READERS = STAFF_ROLES | {"commissioner", "board_member"}


@pytest.fixture
def workstream(db):
    return WorkstreamFactory(title="Pooling the small grants")


@pytest.fixture
def report(staff_user, workstream):
    return generate_progress_report(as_of=timezone.localdate(), by=staff_user)


def _read_urls(workstream, report):
    return [
        reverse("partnerships:progress_plan"),
        reverse("partnerships:progress_workstream", args=[workstream.pk]),
        reverse("partnerships:progress_reports"),
        reverse("partnerships:progress_report", args=[report.pk]),
        reverse("partnerships:progress_report_pdf", args=[report.pk]),
    ]


def _edit_urls(workstream):
    milestone = MilestoneFactory(workstream=workstream)
    risk = RiskOrIssueFactory(workstream=workstream)
    return [
        reverse("partnerships:progress_update_status", args=[workstream.pk]),
        reverse("partnerships:progress_new_milestone", args=[workstream.pk]),
        reverse("partnerships:progress_milestone_done", args=[milestone.pk]),
        reverse("partnerships:progress_new_risk", args=[workstream.pk]),
        reverse("partnerships:progress_close_risk", args=[risk.pk]),
        reverse("partnerships:progress_new_report"),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_staff_board_members_and_the_commissioner_read_the_plan_and_reports(clients_by_role, role, workstream, report):
    client = clients_by_role[role]
    for url in _read_urls(workstream, report):
        response = client.get(url)
        if role in READERS:
            assert response.status_code == 200, url
        elif role == "public":
            assert response.status_code == 302 and "/sign-in" in response.url or "login" in response.url, url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_change_the_plan(clients_by_role, role, workstream):
    client = clients_by_role[role]
    for url in _edit_urls(workstream):
        response = client.get(url)
        if role in STAFF_ROLES:
            assert response.status_code == 200, url
        elif role == "public":
            assert response.status_code == 302, url
        else:
            assert response.status_code == 403, url
        assert client.post(url, {}).status_code in ({200} if role in STAFF_ROLES else {302, 403})


def test_the_plan_shows_owner_status_reason_next_and_overdue_milestones(staff_client, workstream):
    today = timezone.localdate()
    StatusUpdateFactory(workstream=workstream, rag="amber", reason="Waiting for the spending review", as_of=today)
    MilestoneFactory(workstream=workstream, title="Consult on pooling", due_on=today - datetime.timedelta(days=5))
    page = staff_client.get(reverse("partnerships:progress_plan")).content.decode()
    assert "Pooling the small grants" in page
    assert "Priya Shah, Third Sector Unit" in page
    assert "Waiting for the spending review" in page
    assert "Consult on pooling" in page
    assert "1 overdue" in page
    assert "Ways of working" in page  # the strategy's areas, loaded by the migration


def test_a_rag_update_without_a_reason_shows_the_error_summary(staff_client, workstream):
    url = reverse("partnerships:progress_update_status", args=[workstream.pk])
    response = staff_client.post(url, {"rag": "red", "reason": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Give the reason for the RAG status" in response.content.decode()
    assert not workstream.status_updates.exists()


def test_staff_update_the_rag_status_and_it_shows_in_the_history(staff_client, staff_user, workstream):
    StatusUpdateFactory(workstream=workstream, rag="green", reason="Fine in spring", as_of=datetime.date(2026, 4, 1))
    url = reverse("partnerships:progress_update_status", args=[workstream.pk])
    response = staff_client.post(url, {"rag": "red", "reason": "Partner withdrew"})
    assert response.status_code == 302
    update = workstream.status_updates.first()
    assert (update.rag, update.reason, update.recorded_by) == ("red", "Partner withdrew", staff_user)
    page = staff_client.get(workstream.get_absolute_url()).content.decode()
    assert "Partner withdrew" in page and "Fine in spring" in page


def test_staff_add_and_complete_a_milestone_and_add_and_close_a_risk(staff_client, workstream):
    staff_client.post(
        reverse("partnerships:progress_new_milestone", args=[workstream.pk]),
        {"title": "Scheme agreed", "due_on": "2026-09-30"},
    )
    milestone = workstream.milestones.get()
    staff_client.post(reverse("partnerships:progress_milestone_done", args=[milestone.pk]), {"done_on": "2026-09-29"})
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 9, 29)

    staff_client.post(
        reverse("partnerships:progress_new_risk", args=[workstream.pk]),
        {"kind": "issue", "description": "Data late", "owner_name": "Tom", "mitigation": "Chase"},
    )
    risk = workstream.risks.get()
    assert risk.kind == "issue"
    staff_client.post(reverse("partnerships:progress_close_risk", args=[risk.pk]), {"reason": "Data arrived"})
    risk.refresh_from_db()
    assert risk.status == RiskStatus.CLOSED


def test_a_milestone_done_in_the_future_is_refused_with_the_error_summary(staff_client, workstream):
    milestone = MilestoneFactory(workstream=workstream)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = staff_client.post(
        reverse("partnerships:progress_milestone_done", args=[milestone.pk]), {"done_on": future}
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def test_staff_generate_a_report_for_a_meeting(staff_client, workstream):
    meeting = MeetingFactory()
    response = staff_client.post(
        reverse("partnerships:progress_new_report"),
        {"as_of": timezone.localdate().isoformat(), "meeting": meeting.pk},
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.meeting == meeting
    page = staff_client.get(report.get_absolute_url()).content.decode()
    assert str(meeting) in page and "Pooling the small grants" in page


def test_the_pdf_downloads(commissioner_client, report):
    response = commissioner_client.get(reverse("partnerships:progress_report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_plan_s_query_count_does_not_grow_with_workstreams(staff_client, django_assert_num_queries):
    url = reverse("partnerships:progress_plan")
    staff_client.get(url)
    with django_assert_num_queries(6) as first:
        staff_client.get(url)
    for _ in range(5):
        workstream = WorkstreamFactory()
        StatusUpdateFactory(workstream=workstream)
        MilestoneFactory(workstream=workstream, due_on=datetime.date(2020, 1, 1))
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(url)


def test_the_report_list_s_query_count_does_not_grow_with_reports(staff_client, staff_user, django_assert_num_queries):
    url = reverse("partnerships:progress_reports")
    generate_progress_report(as_of=timezone.localdate(), by=staff_user)
    with django_assert_num_queries(7) as first:
        staff_client.get(url)
    for _ in range(4):
        generate_progress_report(as_of=timezone.localdate(), by=staff_user, meeting=MeetingFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(url)
