"""Demo strategy progress: owners for the strategy's workstreams, a year of RAG updates, milestones, risks
and two saved progress reports.

The areas and workstreams come from the data migration; this adds the rest with dates over the past year,
mostly green and amber with two red. Running it twice changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Milestone, ProgressReport, StatusUpdate, Workstream
from ..services.progress import add_risk, generate_progress_report

OWNERS = [
    "Helen Okafor, Third Sector Unit",
    "David Marsh, Compact team",
    "Aisha Begum, Local Government Directorate",
    "Gareth Lloyd, Funding Policy",
    "Ruth Adeyemi, Communities Directorate",
]
# Ratings per quarter for each workstream, oldest first: cycles through these patterns.
PATTERNS = [
    ("green", "green", "green", "green"),
    ("amber", "green", "green", "amber"),
    ("green", "amber", "amber", "green"),
    ("amber", "amber", "green", "green"),
]
REASONS = {
    "green": "On track: milestones met and no open issue needs the board.",
    "amber": "Some slippage: a milestone has moved, with a recovery plan agreed.",
}
# Two workstreams went red, each with its reason.
REDS = {
    "Small grants fund": "Funders for two regions not yet appointed; grants cannot start until they are.",
    "Community asset transfer": "Valuations of the first buildings came in far above budget; transfers paused.",
}


@transaction.atomic
def load_progress() -> None:
    if StatusUpdate.objects.exists():
        return
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    workstreams = list(Workstream.objects.select_related("area").order_by("area__number", "position"))
    for index, workstream in enumerate(workstreams):
        workstream.owner_name = OWNERS[index % len(OWNERS)]
        workstream.save(update_fields=["owner_name"])
        for quarter, rag in enumerate(PATTERNS[index % len(PATTERNS)]):
            as_of = year_ago + datetime.timedelta(days=91 * quarter + 7)
            reason = REASONS[rag]
            if workstream.title in REDS and quarter == 3:
                rag, reason = "red", REDS[workstream.title]
            StatusUpdate.objects.create(workstream=workstream, rag=rag, reason=reason, as_of=as_of)
        # Two milestones done, one due soon; every third workstream has one overdue.
        Milestone.objects.create(
            workstream=workstream, title=f"{workstream.title}: plan agreed",
            due_on=year_ago + datetime.timedelta(days=60), done_on=year_ago + datetime.timedelta(days=55),
        )  # fmt: skip
        Milestone.objects.create(
            workstream=workstream, title=f"{workstream.title}: first review",
            due_on=today - datetime.timedelta(days=120), done_on=today - datetime.timedelta(days=100),
        )  # fmt: skip
        if index % 3 == 0:
            Milestone.objects.create(
                workstream=workstream, title=f"{workstream.title}: report to the Partnership Board",
                due_on=today - datetime.timedelta(days=20),
            )  # fmt: skip
        Milestone.objects.create(
            workstream=workstream,
            title=f"{workstream.title}: year two plan",
            due_on=today + datetime.timedelta(days=45),
        )
    by_title = {workstream.title: workstream for workstream in workstreams}
    risks = [
        (
            "Small grants fund",
            "issue",
            "Two regions have no local funder yet.",
            "Gareth Lloyd",
            "Re-run the procurement with a shorter list.",
        ),
        (
            "Community asset transfer",
            "risk",
            "Building valuations may exceed the fund.",
            "Ruth Adeyemi",
            "Phase transfers; ask councils to share costs.",
        ),
        (
            "Compact breaches",
            "risk",
            "Case workers leaving may slow responses.",
            "David Marsh",
            "Train two more case workers.",
        ),
        (
            "Strategic Partners Grant Programme",
            "risk",
            "The spending review may cut the programme's budget.",
            "Gareth Lloyd",
            "Prepare a smaller first round.",
        ),
    ]
    for title, kind, description, owner, mitigation in risks:
        if title in by_title:
            add_risk(
                workstream=by_title[title], kind=kind, description=description, owner_name=owner,
                mitigation=mitigation, raised_on=today - datetime.timedelta(days=150),
            )  # fmt: skip
    if not ProgressReport.objects.exists():
        generate_progress_report(as_of=today - datetime.timedelta(days=182), by=None)
        generate_progress_report(as_of=today - datetime.timedelta(days=91), by=None)
