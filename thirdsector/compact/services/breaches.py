"""Breach cases: reporting one, working it through its steps, updates for the reporter, reminders.

Every change to a case happens here. Steps go through `core.workflow.take` (who may, guards, audit);
the reporter, unless anonymous, is emailed at each step with the private status link. An anonymous
report keeps no contact details and records no person in its audit trail either.
"""

import copy
import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.uploads import EVIDENCE, UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, refusal, take
from thirdsector.core.working_days import add_working_days

from ..models import BreachCase, BreachReminder, BreachRoute, BreachStatus, BreachUpdate, Commitment, CompactBody
from ..models.breaches import AWAITING_ANSWER_STATUSES, is_case_worker

logger = logging.getLogger(__name__)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class BreachError(Exception):
    """A breach case change that cannot be made, with the reason in plain English."""


def acknowledge_working_days() -> int:
    return getattr(settings, "COMPACT_BREACH_ACKNOWLEDGE_WORKING_DAYS", 5)


def response_working_days() -> int:
    return getattr(settings, "COMPACT_BREACH_RESPONSE_WORKING_DAYS", 20)


def due_dates(reported_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """When acknowledgement and the body's answer are due for a case reported on `reported_on`."""
    return (
        add_working_days(reported_on, acknowledge_working_days()),
        add_working_days(reported_on, response_working_days()),
    )


def new_breach_reference() -> str:
    from thirdsector.funding.services.references import new_reference

    return new_reference(BreachCase, "BR")


def check_evidence_file(uploaded_file) -> None:
    """Refuses an evidence file that is empty, too large, not a kind we accept, or not what its name says."""
    try:
        check_upload(uploaded_file, max_bytes=MAX_EVIDENCE_BYTES, allowed=EVIDENCE)
    except UploadRefused as refused:
        raise BreachError(str(refused)) from refused


def _may_report_for(user, organisation) -> bool:
    if organisation is None:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=organisation.pk).exists()


@transaction.atomic
def report_breach(
    *,
    body: CompactBody,
    commitments: Iterable[Commitment],
    what_happened: str,
    happened_on: datetime.date,
    evidence: str = "",
    evidence_file=None,
    anonymous: bool = False,
    by=None,
    organisation=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    today: datetime.date | None = None,
) -> BreachCase:
    """Records a report of a breach and works out its due dates; tells the reporter its reference."""
    today = today or timezone.localdate()
    commitments = list(commitments)
    if not commitments:
        raise BreachError("Select the commitment the body broke")
    if not what_happened.strip():
        raise BreachError("Enter what happened")
    if happened_on > today:
        raise BreachError("The date it happened must be today or in the past")
    if evidence_file is not None:
        check_evidence_file(evidence_file)
    signed_in = by is not None and by.is_authenticated
    if anonymous:
        # Nothing that could identify the reporter is kept, not even in the audit trail.
        by, organisation, name, email, phone = None, None, "", "", ""
    elif not _may_report_for(by, organisation):
        raise BreachError("You can only report on behalf of an organisation you belong to")
    acknowledge_due_on, response_due_on = due_dates(today)
    case = BreachCase(
        reference=new_breach_reference(),
        body=body,
        what_happened=what_happened.strip(),
        happened_on=happened_on,
        evidence=evidence.strip(),
        anonymous=anonymous,
        reported_by=by if signed_in else None,
        reporter_organisation=organisation,
        reporter_name=name.strip(),
        reporter_email=email.strip(),
        reporter_phone=phone.strip(),
        reported_on=today,
        acknowledge_due_on=acknowledge_due_on,
        response_due_on=response_due_on,
    )
    if evidence_file is not None:
        case.evidence_file = evidence_file
        case.evidence_file_name = evidence_file.name[:255]
    attribute(case, by=by if signed_in else None, reason="Breach reported")
    case.save()
    case.commitments.set(commitments)
    _tell_reporter(
        case,
        f"Your report of a Compact breach: {case.reference}",
        f"Thank you for your report about {case.body}. Its reference is {case.reference}.\n\n"
        f"We will acknowledge it by {_day(case.acknowledge_due_on)} and the body will answer by "
        f"{_day(case.response_due_on)}.",
    )
    _tell_case_workers(
        case,
        f"A Compact breach has been reported: {case.reference}",
        f"A breach of the Compact by {case.body} was reported on {_day(case.reported_on)}. "
        f"Acknowledge it by {_day(case.acknowledge_due_on)}.",
    )
    return case


def _day(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def status_link(case: BreachCase) -> str:
    """The private status link as the reporter will type or click it."""
    return absolute_url(case.get_status_url())


def _tell_reporter(case: BreachCase, subject: str, text: str) -> None:
    """Emails the reporter, unless the report is anonymous or gave no email address."""
    if not case.can_be_contacted:
        return
    body = (
        f"{text}\n\nFollow your case at {status_link(case)}\n"
        "Keep this link private: anyone with it can see the status of your report."
    )
    send_mail(subject, body, None, [case.reporter_email])


def case_worker_addresses(case: BreachCase) -> list[str]:
    """Who hears about a case: the body's Compact lead, and the department's Compact team mailbox."""
    addresses = []
    lead = case.body.compact_lead
    if lead is not None and lead.email:
        addresses.append(lead.email)
    elif case.body.lead_email:
        addresses.append(case.body.lead_email)
    team = getattr(settings, "COMPACT_TEAM_EMAIL", "")
    if team and team not in addresses:
        addresses.append(team)
    return addresses


def _tell_case_workers(case: BreachCase, subject: str, text: str) -> list[str]:
    addresses = case_worker_addresses(case)
    if addresses:
        send_mail(subject, f"{text}\n\nOpen the case: {absolute_url(case.get_absolute_url())}\n", None, addresses)
    return addresses


# What the reporter is told at each step.
_STEP_MESSAGES = {
    "acknowledge": "We have acknowledged your report and will now assess it.",
    "assess": "We have assessed your report.",
    "investigate": "We have investigated your report and the body will now give its answer.",
    "uphold": "Your report has been upheld.",
    "partly_uphold": "Your report has been partly upheld.",
    "not_uphold": "Your report has not been upheld.",
    "agree_remedy": "A remedy has been agreed.",
    "close": "Your case has been closed.",
    "escalate": "Your case has been referred to the Compact Commissioner.",
    "record_review": "The Compact Commissioner has reviewed your case.",
}

# The fields each step may record along with it.
STEP_FIELDS = {
    "assess": ("route", "assessment"),
    "uphold": ("finding_reasons",),
    "partly_uphold": ("finding_reasons",),
    "not_uphold": ("finding_reasons",),
    "agree_remedy": ("remedy",),
    "close": ("lessons_learned",),
    "record_review": ("commissioner_review",),
    "escalate": ("escalation_reason",),
}


STEP_ORDER = (
    "acknowledge",
    "assess",
    "investigate",
    "uphold",
    "partly_uphold",
    "not_uphold",
    "agree_remedy",
    "close",
    "escalate",
    "record_review",
)


def step_label(step: str) -> str:
    method = getattr(BreachCase, step)
    for transition in method._django_fsm.transitions.values():
        return transition.custom.get("label", step.replace("_", " "))
    return step.replace("_", " ")


def steps_open_to(case: BreachCase, user) -> list[str]:
    """The steps `user` may take on `case` now, counting the record each step's form asks for as given.

    `core.workflow.available_steps` checks every guard, and a finding's reasons or the lessons learned
    are written on the step's own page, so here a step is offered if only its own record is missing.
    """
    offered = []
    for step in STEP_ORDER:
        probe = copy.copy(case)
        for name in STEP_FIELDS.get(step, ()):
            if not getattr(probe, name):
                setattr(probe, name, BreachRoute.LOCAL if name == "route" else "(to be written)")
        if refusal(probe, step, user) is None:
            offered.append(step)
    return offered


def take_breach_step(*, case: BreachCase, step: str, by, reason: str = "", **fields) -> BreachCase:
    """Takes a workflow step on a case, recording what it needs (route, finding, remedy, lessons).

    Raises TransitionRefused if the step is not open to `by` now, or its record is missing.
    """
    allowed = STEP_FIELDS.get(step, ())
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Step {step!r} does not record {', '.join(sorted(unknown))}")
    if "route" in fields and fields["route"] and fields["route"] not in BreachRoute.values:
        raise TransitionRefused("Choose the route: resolved locally, mediation or referred to the Commissioner.")
    originals = {name: getattr(case, name) for name in fields}
    for name, value in fields.items():
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    try:
        take(case, step, by=by, reason=reason or _STEP_MESSAGES.get(step, step))
    except TransitionRefused:
        for name, value in originals.items():
            setattr(case, name, value)
        raise
    _tell_reporter(case, f"Your Compact breach report {case.reference}: {case.get_status_display().lower()}",
                   _STEP_MESSAGES.get(step, "Your case has moved on."))  # fmt: skip
    if step == "escalate":
        _tell_commissioner(case)
    return case


def _tell_commissioner(case: BreachCase) -> None:
    """Tells everyone holding the Commissioner role that a case has been referred to them."""
    from thirdsector.accounts.models import User
    from thirdsector.accounts.roles import Role

    addresses = list(
        User.objects.filter(role_grants__role=Role.COMMISSIONER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if addresses:
        send_mail(
            f"A Compact breach case has been referred to you: {case.reference}",
            f"The case about {case.body} has been escalated to the Compact Commissioner.",
            None,
            addresses,
        )


@transaction.atomic
def add_breach_update(*, case: BreachCase, by, text: str, public: bool) -> BreachUpdate:
    """Adds a public update (shown to the reporter, who is emailed) or an internal note to a case."""
    if not is_case_worker(by, case):
        raise BreachError("Only department staff or the body's Compact lead can write on a case")
    if not text.strip():
        raise BreachError("Enter the update" if public else "Enter the note")
    update = BreachUpdate(case=case, public=public, text=text.strip(), written_by=by)
    attribute(update, by=by, reason="Public update" if public else "Internal note")
    update.save()
    if public:
        _tell_reporter(case, f"An update on your Compact breach report {case.reference}", update.text)
    return update


# --- Reminders -----------------------------------------------------------------------------------


def cases_due_for_reminder(today: datetime.date):
    """Cases whose next due date is within one working day from `today`, or has passed."""
    horizon = add_working_days(today, 1)
    return (
        BreachCase.objects.filter(
            Q(status=BreachStatus.REPORTED, acknowledge_due_on__lte=horizon)
            | Q(status__in=AWAITING_ANSWER_STATUSES, response_due_on__lte=horizon)
        )
        .select_related("body__organisation", "body__compact_lead")
        .order_by("id")
    )


def send_breach_reminders(*, today: datetime.date | None = None) -> int:
    """Emails the case workers about each case due within a working day or overdue, once per due date."""
    today = today or timezone.localdate()
    sent = 0
    for case in cases_due_for_reminder(today):
        what, due_on = case.next_due
        if BreachReminder.objects.filter(case=case, what=what, due_on=due_on).exists():
            continue
        late = "was due" if due_on < today else "is due"
        addresses = case_worker_addresses(case)
        try:
            with transaction.atomic():
                BreachReminder.objects.create(
                    case=case, what=what, due_on=due_on, sent_on=today, sent_to=", ".join(addresses)
                )
        except IntegrityError:
            continue  # another run got there first
        if addresses:
            send_mail(
                f"Compact breach {case.reference}: {what.lower()} {late} {_day(due_on)}",
                f"{what} on the breach case about {case.body} {late} on {_day(due_on)}.\n\n"
                f"Open the case: {absolute_url(case.get_absolute_url())}\n",
                None,
                addresses,
            )
        sent += 1
    logger.info("Breach reminders sent: %s", sent)
    return sent
