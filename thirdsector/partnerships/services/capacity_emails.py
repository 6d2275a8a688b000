"""Who is emailed about each change to a support request, and what they are told.

The requesting organisation hears of its new request and of every step that someone else takes on it (a
body accepting, declining, starting, completing or closing it; staff sending it to a body). The support
body hears of each request sent to it and of one withdrawn while it was theirs. The department's
capacity building team hears of a request left for it to send to a body. Steps the requester takes
(withdrawing, asking another body) are not echoed back to them.

The table `NOTICES` is the whole of it. Emails go in the background, queued only once the step's
transaction commits (`email_after_commit`), so a refused or rolled-back step sends nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from thirdsector.accounts.roles import MembershipRole
from thirdsector.core.links import absolute_url

from ..models.capacity import SupportRequest

REQUESTER, BODY, TEAM = "requester", "body", "team"


@dataclass(frozen=True)
class Notice:
    to: str  # REQUESTER, BODY or TEAM
    subject: str
    text: str  # str.format fields: see `_fields`


_SENT = Notice(
    REQUESTER,
    "Your request for support has been sent to {body} ({reference})",
    "We have sent {organisation}'s request for {kind} to {body}.\n\n"
    "{body} will accept or decline it. We will email you when they do.",
)
_NEW_FOR_BODY = Notice(
    BODY,
    "New request for {kind} from {organisation} ({reference})",
    "{organisation} has asked {body} for {kind}.\n\nWhat they need:\n{description}\n\n"
    "Please accept or decline the request.",
)

NOTICES: dict[str, tuple[Notice, ...]] = {
    "requested": (_SENT, _NEW_FOR_BODY),
    "requested_without_body": (
        Notice(
            REQUESTER,
            "We have received your request for support ({reference})",
            "We have received {organisation}'s request for {kind}.\n\n"
            "We will choose a support body that can help and send your request to them.",
        ),
        Notice(
            TEAM,
            "A request for support needs a support body ({reference})",
            "{organisation} has asked for {kind} without choosing a support body.\n\n"
            "What they need:\n{description}\n\nPlease choose a body and send the request to them.",
        ),
    ),
    "route": (_SENT, _NEW_FOR_BODY),
    "ask_another_body": (_NEW_FOR_BODY,),
    "accept": (
        Notice(
            REQUESTER,
            "Your request for support has been accepted ({reference})",
            "{body} has accepted {organisation}'s request for {kind}.\n\nThey will contact you to arrange the help.",
        ),
    ),
    "decline": (
        Notice(
            REQUESTER,
            "{body} cannot help with your request ({reference})",
            "{body} has declined {organisation}'s request for {kind}.\n\nTheir reason:\n{decline_reason}\n\n"
            "You can ask another support body, or withdraw the request.",
        ),
    ),
    "start": (
        Notice(
            REQUESTER,
            "Work has started on your request for support ({reference})",
            "{body} has started work on {organisation}'s request for {kind}.",
        ),
    ),
    "complete": (
        Notice(
            REQUESTER,
            "Your request for support is complete ({reference})",
            "{body} has completed {organisation}'s request for {kind}.\n\n"
            "Outcome: {outcome_category}\n\nWhat changed:\n{outcome}",
        ),
    ),
    "close_without_outcome": (
        Notice(
            REQUESTER,
            "Your request for support has been closed ({reference})",
            "{body} has closed {organisation}'s request for {kind} without an outcome.\n\n"
            "Their reason:\n{close_reason}",
        ),
    ),
    "withdraw": (
        Notice(
            BODY,
            "Request withdrawn ({reference})",
            "{organisation} has withdrawn its request for {kind}. You do not need to do anything more.",
        ),
    ),
}


def email_after_commit(request: SupportRequest, event: str) -> None:
    """Queues the emails for `event` once the current transaction commits; none if it rolls back."""
    from ..tasks import email_support_request_change

    if event not in NOTICES:
        raise ValueError(f"No emails are set for {event!r}")
    request_id = request.pk
    transaction.on_commit(lambda: email_support_request_change.enqueue(request_id, event))


def requester_emails(request: SupportRequest) -> list[str]:
    """The person who asked (while still a member of the organisation) and the organisation's own address;
    without either, the organisation's administrators, so someone always hears."""
    organisation = request.organisation
    members = organisation.memberships.filter(user__is_active=True).select_related("user")
    addresses = []
    if request.submitted_by_id and any(member.user_id == request.submitted_by_id for member in members):
        addresses.append(request.submitted_by.email)
    if organisation.email:
        addresses.append(organisation.email)
    if not addresses:
        addresses = sorted(member.user.email for member in members if member.role == MembershipRole.ADMINISTRATOR)
    return _unique(addresses)


def _unique(addresses) -> list[str]:
    seen, unique = set(), []
    for address in addresses:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    return unique


def _recipients(request: SupportRequest, to: str) -> list[str]:
    if to == REQUESTER:
        return requester_emails(request)
    if to == BODY:
        return _unique([request.support_body.contact_email]) if request.support_body_id else []
    return _unique([settings.PARTNERSHIP_CAPACITY_TEAM_EMAIL])


def _fields(request: SupportRequest) -> dict[str, str]:
    return {
        "reference": request.reference,
        "organisation": request.organisation.name,
        "body": request.support_body.organisation.name if request.support_body_id else "",
        "kind": request.get_kind_display().lower(),
        "description": request.description,
        "decline_reason": request.decline_reason,
        "outcome_category": request.get_outcome_category_display(),
        "outcome": request.outcome,
        "close_reason": request.close_reason,
    }


def send_request_emails(*, request_id: int, event: str) -> int:
    """Sends the emails for `event` on the request; returns how many were sent (run by the background task)."""
    request = SupportRequest.objects.select_related("organisation", "submitted_by", "support_body__organisation").get(
        pk=request_id
    )
    fields = _fields(request)
    link = absolute_url(request.get_absolute_url())
    sent = 0
    for notice in NOTICES[event]:
        recipients = _recipients(request, notice.to)
        if not recipients:
            continue
        text = notice.text.format(**fields)
        message = f"{text}\n\nReference: {request.reference}\n\nSign in to see the request: {link}\n"
        send_mail(notice.subject.format(**fields), message, None, recipients, fail_silently=False)
        sent += 1
    return sent
