"""Demo breach cases: fifteen reports about the department and its NDPBs, in every state of the workflow.

Some are anonymous, one is referred to the Compact Commissioner and reviewed, and some are overdue. Cases
are reported and worked through the services (so each has its history), then their dates are moved back
to spread them over the past year.
"""

import datetime

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.register.models import Organisation, OrganisationKind

from ..models import BreachCase, Commitment, CompactBody
from ..services.breaches import due_dates, report_breach, take_breach_step

# (body index, days ago reported, the steps taken, anonymous, what happened)
_STEPS_TO = {
    "reported": [],
    "acknowledged": ["acknowledge"],
    "assessed": ["acknowledge", "assess"],
    "investigated": ["acknowledge", "assess", "investigate"],
    "upheld": ["acknowledge", "assess", "investigate", "uphold"],
    "partly_upheld": ["acknowledge", "assess", "investigate", "partly_uphold"],
    "not_upheld": ["acknowledge", "assess", "investigate", "not_uphold"],
    "remedy_agreed": ["acknowledge", "assess", "investigate", "uphold", "agree_remedy"],
    "closed_upheld": ["acknowledge", "assess", "investigate", "uphold", "agree_remedy", "close"],
    "closed_partly": ["acknowledge", "assess", "investigate", "partly_uphold", "agree_remedy", "close"],
    "closed_not_upheld": ["acknowledge", "assess", "investigate", "not_uphold", "close"],
}

CASES = [
    (0, 2, "reported", False, "A consultation on community buildings opened with four weeks to respond and no reason."),
    (1, 20, "reported", True, "Our grant was ended with one month's notice instead of three."),
    (0, 10, "acknowledged", False, "The grant agreement asks for quarterly monitoring on a £2,000 grant."),
    (2, 45, "acknowledged", False, "Payment in arrears left us unable to start the project on time."),
    (0, 25, "assessed", False, "No Easy Read version of the consultation was offered when asked."),
    (1, 30, "investigated", False, "The funding round closed a week early without notice."),
    (2, 60, "investigated", True, "Overheads were refused although full cost recovery was agreed."),
    (0, 40, "upheld", False, "The summary of responses was not published within 12 weeks of closing."),
    (1, 50, "partly_upheld", False, "The body decided before the consultation had closed."),
    (2, 55, "not_upheld", False, "A one-year grant was offered for three years' work."),
    (0, 80, "remedy_agreed", False, "Consultation on the volunteering strategy ran for six weeks."),
    (0, 300, "closed_upheld", False, "Funding to BME-led groups was cut with no impact assessment."),
    (1, 240, "closed_partly", True, "A consultation event was held in a building without step-free access."),
    (2, 200, "closed_not_upheld", False, "Grant conditions changed in the middle of the year."),
    (0, 150, "closed_upheld", False, "Payments were made four months late."),
]

_RECORDS = {
    "assess": {"route": "local", "assessment": "A matter for the body to answer directly."},
    "uphold": {"finding_reasons": "The body accepts that the Compact's commitment was not kept."},
    "partly_uphold": {"finding_reasons": "Part of the complaint is made out; the rest was within the rules."},
    "not_uphold": {"finding_reasons": "The body kept to the commitment; the dates show notice was given."},
    "agree_remedy": {"remedy": "The body will reopen the matter and write to the organisations affected."},
    "close": {"lessons_learned": "Plan the timetable with the Compact's time limits from the start."},
}


def _bodies(staff) -> list[CompactBody]:
    department = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT).order_by("pk").first()
    ndpbs = list(Organisation.objects.filter(kind=OrganisationKind.NDPB).order_by("pk")[:2])
    bodies = []
    for organisation in [department, *ndpbs]:
        if organisation is None:
            continue
        body, _created = CompactBody.objects.get_or_create(
            organisation=organisation,
            defaults={
                "compact_lead": staff if organisation is department else None,
                "lead_name": staff.full_name if organisation is department else "Compact lead",
                "lead_email": staff.email if organisation is department else "compact@ndpb.example",
            },
        )
        bodies.append(body)
    return bodies


def load_breaches() -> None:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load_breaches()


@transaction.atomic
def _load_breaches() -> None:
    if BreachCase.objects.exists():
        return
    staff = User.objects.get(email="staff@demo.thirdsector.example")
    commissioner = User.objects.filter(email="commissioner@demo.thirdsector.example").first()
    member = User.objects.filter(email="member@demo.thirdsector.example").first()
    charity = member.memberships.select_related("organisation").first().organisation if member else None
    bodies = _bodies(staff)
    if not bodies:
        return
    commitments = list(Commitment.objects.order_by("code", "number"))
    today = timezone.localdate()
    for number, (body_index, days_ago, state, anonymous, what) in enumerate(CASES):
        reported_on = today - datetime.timedelta(days=days_ago)
        reporter = {}
        if not anonymous and number % 3 == 0 and member is not None:
            reporter = {"by": member, "organisation": charity, "name": member.full_name, "email": member.email}
        elif not anonymous:
            reporter = {"name": f"Reporter {number + 1}", "email": f"reporter{number + 1}@charity.example"}
        case = report_breach(
            body=bodies[body_index % len(bodies)],
            commitments=[commitments[(number * 7) % len(commitments)]],
            what_happened=what,
            happened_on=reported_on - datetime.timedelta(days=14),
            evidence="Letters and emails between us and the body.",
            anonymous=anonymous,
            today=reported_on,
            **reporter,
        )
        for step in _STEPS_TO[state]:
            take_breach_step(case=case, step=step, by=staff, **_RECORDS.get(step, {}))
        # Spread the case work over the time since the report, as if it had happened then.
        ack_on, response_on = due_dates(reported_on)
        closed_on = min(today, reported_on + datetime.timedelta(days=15 + number * 3)) if case.closed_at else None
        BreachCase.objects.filter(pk=case.pk).update(
            acknowledge_due_on=ack_on,
            response_due_on=response_on,
            closed_on=closed_on,
        )
    # One case referred to the Commissioner, and reviewed.
    escalated = BreachCase.objects.filter(status="investigated").order_by("reported_on").first()
    if escalated is not None:
        take_breach_step(
            case=escalated,
            step="escalate",
            by=staff,
            escalation_reason="The body disputes the facts and the reporter asked for an independent view.",
        )
        if commissioner is not None:
            take_breach_step(
                case=escalated,
                step="record_review",
                by=commissioner,
                commissioner_review="The Commissioner asks the body to explain the decision in writing within a month.",
            )
