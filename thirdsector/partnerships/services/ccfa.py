"""Community Calls for Action: raising one, the council's steps, the raiser's emails, overdue flags.

Every change to a call happens here. Steps go through `core.workflow.take` (who may, guards, audit); the
raiser is emailed at each step with the private status link. Due dates are set as each stage starts.
"""

import calendar
import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.core.working_days import add_working_days
from thirdsector.register.models import OrganisationKind

from ..models.ccfa import CallStatus, CommunityCall, CommunityCallReminder


class CommunityCallError(Exception):
    """A change to a Community Call for Action that cannot be made, with the reason in plain English."""


def executive_response_months() -> int:
    return getattr(settings, "PARTNERSHIP_CCFA_EXECUTIVE_RESPONSE_MONTHS", 2)


def councillor_working_days() -> int:
    return getattr(settings, "PARTNERSHIP_CCFA_COUNCILLOR_WORKING_DAYS", 20)


def committee_decision_days() -> int:
    return getattr(settings, "PARTNERSHIP_CCFA_COMMITTEE_DECISION_DAYS", 30)


def committee_report_days() -> int:
    return getattr(settings, "PARTNERSHIP_CCFA_COMMITTEE_REPORT_DAYS", 90)


def time_limits() -> dict:
    """The time limits as the pages show them."""
    return {
        "councillor_working_days": councillor_working_days(),
        "committee_decision_days": committee_decision_days(),
        "committee_report_days": committee_report_days(),
        "executive_response_months": executive_response_months(),
    }


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where that month is shorter (31 Dec + 2 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def executive_response_due(reported_on: datetime.date) -> datetime.date:
    return add_months(reported_on, executive_response_months())


def new_call_reference() -> str:
    from thirdsector.funding.services.references import new_reference

    return new_reference(CommunityCall, "CCFA")


def _day(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def status_link(call: CommunityCall) -> str:
    return absolute_url(call.get_status_url())


def _tell_raiser(call: CommunityCall, subject: str, text: str) -> None:
    body = (
        f"{text}\n\nFollow your call at {status_link(call)}\n"
        "Keep this link private: anyone with it can see where your call stands."
    )
    send_mail(subject, body, None, [call.raiser_email])


@transaction.atomic
def raise_call(
    *,
    council,
    ward: str,
    issue: str,
    tried: str,
    name: str,
    email: str,
    councillor_name: str,
    councillor_email: str = "",
    by=None,
    organisation=None,
    today: datetime.date | None = None,
) -> CommunityCall:
    """Records a Community Call for Action raised by a resident or a group, and tells them its reference."""
    today = today or timezone.localdate()
    if council.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise CommunityCallError("Choose a council")
    for value, message in (
        (ward, "Enter your ward"),
        (issue, "Enter the issue"),
        (tried, "Enter what has been tried already"),
        (name, "Enter your name"),
        (email, "Enter your email address"),
        (councillor_name, "Enter your councillor's name"),
    ):
        if not value.strip():
            raise CommunityCallError(message)
    signed_in = by is not None and by.is_authenticated
    if organisation is not None and not (signed_in and by.memberships.filter(organisation_id=organisation.pk).exists()):
        raise CommunityCallError("You can only raise a call for a group you belong to")
    call = CommunityCall(
        reference=new_call_reference(),
        council=council,
        ward=ward.strip(),
        issue=issue.strip(),
        tried=tried.strip(),
        raiser_name=name.strip(),
        raiser_email=email.strip(),
        raised_by=by if signed_in else None,
        raiser_organisation=organisation,
        councillor_name=councillor_name.strip(),
        councillor_email=councillor_email.strip(),
        raised_on=today,
    )
    attribute(call, by=by if signed_in else None, reason="Community Call for Action raised")
    call.save()
    _tell_raiser(
        call,
        f"Your Community Call for Action: {call.reference}",
        f"Thank you. Your call about {call.ward} ward has been sent to {call.council}. Its reference is "
        f"{call.reference}. The council will pass it to Councillor {call.councillor_name}.",
    )
    return call


# The steps in the order they happen, what each records, and what the raiser is told.
STEP_ORDER = ("pass_to_councillor", "resolve", "refer", "decline", "accept", "report", "respond", "close")
STEP_FIELDS = {
    "resolve": ("councillor_outcome",),
    "refer": ("councillor_outcome",),
    "decline": ("decline_reasons",),
    "report": ("committee_report", "recommendations", "report_file"),
    "respond": ("executive_response", "response_file"),
}
_STEP_MESSAGES = {
    "pass_to_councillor": "Your call is now with Councillor {call.councillor_name}.",
    "resolve": "Councillor {call.councillor_name} has resolved your call.",
    "refer": "Councillor {call.councillor_name} has referred your call to the overview and scrutiny committee.",
    "decline": "The overview and scrutiny committee has decided not to take up your call, and has said why.",
    "accept": "The overview and scrutiny committee has accepted your call for review.",
    "report": "The overview and scrutiny committee has reported on your call with its recommendations.",
    "respond": "The council's executive has responded to the committee's report.",
    "close": "Your call has been closed.",
}


def step_label(step: str) -> str:
    method = getattr(CommunityCall, step)
    for transition in method._django_fsm.transitions.values():
        return transition.custom.get("label", step.replace("_", " "))
    return step.replace("_", " ")


def steps_open_to(call: CommunityCall, user) -> list[str]:
    """Steps `user` may take now, counting the record each step's own form asks for as given."""
    import copy

    from thirdsector.core.workflow import refusal

    offered = []
    for step in STEP_ORDER:
        probe = copy.copy(call)
        for name in STEP_FIELDS.get(step, ()):
            if not getattr(probe, name) and not name.endswith("_file"):
                setattr(probe, name, "(to be written)")
        if refusal(probe, step, user) is None:
            offered.append(step)
    return offered


@transaction.atomic
def take_call_step(
    *, call: CommunityCall, step: str, by, reason: str, on: datetime.date | None = None, **fields
) -> CommunityCall:
    """Takes `step` on `call` for `by`, recording its fields and dates, and emails the raiser.

    `on` is the day the step happened (the meeting's date, say), today by default and never in the future.
    """
    if step not in STEP_ORDER:
        raise CommunityCallError("There is no such step")
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise CommunityCallError("The date must be today or in the past")
    if on < call.raised_on:
        raise CommunityCallError("The date cannot be before the call was raised")
    last_step_on = max(day for day in _step_dates(call) if day is not None)
    if on < last_step_on:
        raise CommunityCallError(f"The date cannot be before the last step, on {_day(last_step_on)}")
    allowed = STEP_FIELDS.get(step, ())
    for name, value in fields.items():
        if name not in allowed:
            raise CommunityCallError(f"The step {step_label(step)} does not record {name}")
        if value is None:
            continue
        setattr(call, name, value.strip() if isinstance(value, str) else value)
    if step == "pass_to_councillor":
        call.with_councillor_on = on
        call.councillor_due_on = add_working_days(on, councillor_working_days())
    elif step == "resolve":
        call.resolved_on = on
    elif step == "refer":
        call.referred_on = on
        call.committee_due_on = on + datetime.timedelta(days=committee_decision_days())
    elif step in ("decline", "accept"):
        call.decided_on = on
        if step == "accept":
            call.report_due_on = on + datetime.timedelta(days=committee_report_days())
    elif step == "report":
        call.reported_on = on
        call.response_due_on = executive_response_due(on)
    elif step == "respond":
        call.responded_on = on
    elif step == "close":
        call.closed_on = on
    try:
        take(call, step, by=by, reason=reason)
    except TransitionRefused:
        call.refresh_from_db()  # what this step would have recorded is not kept on a refused step
        raise
    message = _STEP_MESSAGES[step].format(call=call)
    if step == "report":
        message += f" The council's executive must respond by {_day(call.response_due_on)}."
    _tell_raiser(call, f"Your Community Call for Action {call.reference}: {call.get_status_display().lower()}", message)
    return call


def _step_dates(call: CommunityCall) -> tuple:
    return (
        call.raised_on,
        call.with_councillor_on,
        call.resolved_on,
        call.referred_on,
        call.decided_on,
        call.reported_on,
        call.responded_on,
        call.closed_on,
    )


def overdue_calls(*, today: datetime.date | None = None, council=None):
    """Open calls past the due date of the step they are waiting for, oldest due first."""
    from ..selectors.ccfa import overdue_call_list

    return overdue_call_list(today=today or timezone.localdate(), council=council)


def council_addresses(call: CommunityCall) -> list[str]:
    """Who is told a call is overdue: the council's officers (its record's members who are council officers)."""
    from thirdsector.accounts.roles import Role

    addresses = []
    for membership in call.council.memberships.select_related("user"):
        user = membership.user
        if user.email and user.has_role(Role.COUNCIL_OFFICER) and user.email not in addresses:
            addresses.append(user.email)
    return addresses


def flag_overdue_calls(*, today: datetime.date | None = None) -> int:
    """Emails the council's officers about each overdue step, once per call and due date; returns how many."""
    today = today or timezone.localdate()
    sent = 0
    for call in overdue_calls(today=today):
        what, due_on = call.next_due
        if CommunityCallReminder.objects.filter(call=call, what=what, due_on=due_on).exists():
            continue
        addresses = council_addresses(call)
        try:
            with transaction.atomic():
                CommunityCallReminder.objects.create(
                    call=call, what=what, due_on=due_on, sent_on=today, sent_to="\n".join(addresses)
                )
        except IntegrityError:
            continue
        if addresses:
            send_mail(
                f"Overdue Community Call for Action: {call.reference}",
                f"{what} on Community Call for Action {call.reference} ({call.ward} ward) was due on "
                f"{_day(due_on)}.\n\nOpen the call: {absolute_url(call.get_absolute_url())}\n",
                None,
                addresses,
            )
        sent += 1
    return sent


__all__ = [
    "CallStatus",
    "CommunityCallError",
    "add_months",
    "executive_response_due",
    "flag_overdue_calls",
    "raise_call",
    "take_call_step",
]
