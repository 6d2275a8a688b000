"""Strategy progress reports: contents, the saved snapshot, and the PDF."""

import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from thirdsector.partnerships.models import StrategyArea, Workstream
from thirdsector.partnerships.reports import build_progress_report, render_progress_report_pdf
from thirdsector.partnerships.services.progress import ProgressError, generate_progress_report, record_status

from .factories import (
    MilestoneFactory,
    RiskOrIssueFactory,
    StatusUpdateFactory,
    StrategyAreaFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 1)
SINCE = datetime.date(2026, 3, 1)


@pytest.fixture
def plan(db):
    """A hand-built plan in place of the strategy loaded by the migration."""
    Workstream.objects.all().delete()
    StrategyArea.objects.all().delete()
    area = StrategyAreaFactory(number=1, name="Ways of working")
    board = WorkstreamFactory(area=area, position=1, title="Partnership Board")
    breaches = WorkstreamFactory(area=area, position=2, title="Compact breaches")
    grants = WorkstreamFactory(area=area, position=3, title="Small grants fund")
    anchors = WorkstreamFactory(area=area, position=4, title="Community anchors")
    StatusUpdateFactory(workstream=board, rag="red", reason="Chair not appointed", as_of=datetime.date(2026, 5, 1))
    StatusUpdateFactory(
        workstream=board, rag="green", reason="Later: after the report", as_of=datetime.date(2026, 6, 2)
    )
    StatusUpdateFactory(workstream=breaches, rag="amber", reason="Backlog of cases", as_of=datetime.date(2026, 4, 1))
    StatusUpdateFactory(workstream=grants, rag="green", reason="Funders appointed", as_of=datetime.date(2026, 5, 20))
    MilestoneFactory(
        workstream=board,
        title="Done before last report",
        due_on=datetime.date(2026, 2, 1),
        done_on=datetime.date(2026, 2, 15),
    )
    MilestoneFactory(
        workstream=board, title="Done since", due_on=datetime.date(2026, 4, 1), done_on=datetime.date(2026, 3, 20)
    )
    MilestoneFactory(workstream=breaches, title="Overdue", due_on=datetime.date(2026, 5, 1))
    MilestoneFactory(
        workstream=grants,
        title="Done late, after the report",
        due_on=datetime.date(2026, 5, 15),
        done_on=datetime.date(2026, 6, 5),
    )
    MilestoneFactory(workstream=grants, title="Due soon", due_on=datetime.date(2026, 7, 1))
    MilestoneFactory(workstream=anchors, title="Due next year", due_on=datetime.date(2027, 3, 1))
    RiskOrIssueFactory(workstream=breaches, description="Case workers leaving", raised_on=datetime.date(2026, 4, 1))
    RiskOrIssueFactory(
        workstream=grants,
        description="Closed before",
        raised_on=datetime.date(2026, 1, 1),
        status="closed",
        closed_on=datetime.date(2026, 5, 1),
    )
    RiskOrIssueFactory(workstream=anchors, description="Raised after", raised_on=datetime.date(2026, 6, 10))
    return {"board": board, "breaches": breaches, "grants": grants, "anchors": anchors}


def _titles(rows):
    return [row["title"] for row in rows]


def test_the_report_counts_workstreams_by_rag_as_of_its_date(plan):
    content = build_progress_report(as_of=AS_OF, since=SINCE)
    assert content["rag_counts"] == {"red": 1, "amber": 1, "green": 1, "none": 1}


def test_the_report_gives_each_workstream_s_status_and_reason(plan):
    rows = {row["title"]: row for row in build_progress_report(as_of=AS_OF, since=SINCE)["workstreams"]}
    assert rows["Partnership Board"]["rag"] == "red"
    assert rows["Partnership Board"]["reason"] == "Chair not appointed"
    assert rows["Community anchors"]["rag"] == "none"
    assert rows["Compact breaches"]["owner"] == "Priya Shah, Third Sector Unit"


def test_the_report_groups_milestones_done_overdue_and_due(plan):
    content = build_progress_report(as_of=AS_OF, since=SINCE)
    assert _titles(content["milestones_done"]) == ["Done since"]
    assert _titles(content["milestones_overdue"]) == ["Overdue", "Done late, after the report"]
    assert _titles(content["milestones_due"]) == ["Due soon"]


def test_the_first_report_counts_every_milestone_done(plan):
    content = build_progress_report(as_of=AS_OF, since=None)
    assert _titles(content["milestones_done"]) == ["Done before last report", "Done since"]


def test_the_report_lists_risks_open_on_its_date(plan):
    content = build_progress_report(as_of=AS_OF, since=SINCE)
    assert [risk["description"] for risk in content["open_risks"]] == ["Case workers leaving"]


def test_a_saved_report_does_not_change_when_the_plan_does(plan, staff_user):
    report = generate_progress_report(as_of=AS_OF, by=staff_user)
    before = dict(report.content)

    record_status(
        workstream=plan["breaches"], rag="red", reason="Worse now", by=staff_user, as_of=datetime.date(2026, 5, 30)
    )
    plan["anchors"].title = "Renamed"
    plan["anchors"].save()
    MilestoneFactory(workstream=plan["anchors"], title="New and overdue", due_on=datetime.date(2026, 5, 2))

    report.refresh_from_db()
    assert report.content == before
    assert report.content["rag_counts"]["amber"] == 1
    assert "Renamed" not in _titles(report.content["workstreams"])


def test_a_report_counts_done_milestones_from_the_previous_report(plan, staff_user):
    first = generate_progress_report(as_of=SINCE, by=staff_user)
    second = generate_progress_report(as_of=AS_OF, by=staff_user)
    assert first.since is None
    assert second.since == SINCE
    assert _titles(second.content["milestones_done"]) == ["Done since"]


def test_a_report_cannot_be_dated_in_the_future(plan, staff_user):
    with pytest.raises(ProgressError, match="future"):
        generate_progress_report(as_of=datetime.date(2099, 1, 1), by=staff_user)


def test_the_pdf_has_the_workstream_titles(plan, staff_user):
    report = generate_progress_report(as_of=AS_OF, by=staff_user)
    pdf = render_progress_report_pdf(report.content)
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for title in ("Partnership Board", "Compact breaches", "Small grants fund", "Community anchors"):
        assert title in text
    assert "Chair not appointed" in text


def test_an_uncompressed_pdf_shows_its_text_plainly(plan):
    pdf = render_progress_report_pdf(build_progress_report(as_of=AS_OF, since=SINCE), compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"Compact breaches" in pdf
