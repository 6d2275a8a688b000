"""Capacity building: the department keeps the support bodies and their offers; organisations ask for
support and the bodies take each request to an outcome.

Every change happens here. Request steps go through `core.workflow.take` (who may, guards, audit);
other saves are attributed with `core.audit.attribute`, so each record's history says who and why.
Each new request and each step emails those it concerns once it commits (`services.capacity_emails`).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.access import is_staff
from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.register.models import Organisation, OrganisationStatus

from ..models.capacity import (
    HelpKind,
    OutcomeCategory,
    RequestStatus,
    SupportBody,
    SupportBodyKind,
    SupportOffer,
    SupportRequest,
    edits_for,
)
from ..selectors.capacity import bodies_covering, places_of
from .capacity_emails import email_after_commit


class CapacityError(Exception):
    """A change to a support body, offer or request that cannot be made, with the reason in plain English."""


def _required(value: str, message: str) -> str:
    if not (value or "").strip():
        raise CapacityError(message)
    return value.strip()


@transaction.atomic
def save_support_body(
    *,
    organisation: Organisation,
    kind: str,
    is_national: bool,
    areas,
    partnerships,
    contact_email: str,
    contact_name: str = "",
    contact_phone: str = "",
    by,
    reason: str,
    body: SupportBody | None = None,
) -> SupportBody:
    """Adds a support body (or changes `body`): national, or covering the areas listed."""
    areas, partnerships = list(areas), list(partnerships)
    if kind not in SupportBodyKind.values:
        raise CapacityError("Choose what kind of support body it is")
    if organisation.status != OrganisationStatus.ACTIVE:
        raise CapacityError("The organisation has been removed from the register")
    existing = SupportBody.objects.filter(organisation=organisation).exclude(pk=getattr(body, "pk", None))
    if existing.exists():
        raise CapacityError(f"{organisation.name} is already a support body")
    if is_national and areas:
        raise CapacityError("A body covering the whole country lists no areas: clear the areas or untick it")
    if not is_national and not areas:
        raise CapacityError("Choose the areas the body covers, or say it covers the whole country")
    body = body or SupportBody()
    body.organisation = organisation
    body.kind = kind
    body.is_national = is_national
    body.contact_email = _required(contact_email, "Enter the contact email address")
    body.contact_name = contact_name.strip()
    body.contact_phone = contact_phone.strip()
    attribute(body, by=by, reason=reason)
    body.save()
    body.areas.set(areas)
    body.partnerships.set(partnerships)
    return body


def _within_body(body: SupportBody, area) -> bool:
    """An offer's narrower area lies in its body's: the body is national or lists it or one above it."""
    if body.is_national:
        return True
    return bool(set(places_of(area)) & set(body.areas.values_list("pk", flat=True)))


@transaction.atomic
def save_offer(
    *,
    body: SupportBody,
    kind: str,
    description: str,
    is_free: bool,
    charges: str = "",
    areas=(),
    by,
    reason: str,
    offer: SupportOffer | None = None,
) -> SupportOffer:
    """Adds an offer of one kind of help to `body` (or changes `offer`)."""
    areas = list(areas)
    if kind not in HelpKind.values:
        raise CapacityError("Choose the kind of help")
    same_kind = SupportOffer.objects.filter(body=body, kind=kind).exclude(pk=getattr(offer, "pk", None))
    if same_kind.exists():
        raise CapacityError(f"{body} already offers {HelpKind(kind).label.lower()}: change that offer instead")
    if not is_free and not charges.strip():
        raise CapacityError("Say what the help costs, or that it is free")
    outside = [area.name for area in areas if not _within_body(body, area)]
    if outside:
        raise CapacityError(
            f"{body} does not cover {', '.join(sorted(outside))}: an offer's areas are within the body's"
        )
    offer = offer or SupportOffer(body=body)
    offer.kind = kind
    offer.description = _required(description, "Describe the help")
    offer.is_free = is_free
    offer.charges = "" if is_free else charges.strip()
    attribute(offer, by=by, reason=reason)
    offer.save()
    offer.areas.set(areas)
    return offer


def new_request_reference() -> str:
    from thirdsector.funding.services.references import new_reference

    return new_reference(SupportRequest, "SUP")


@transaction.atomic
def request_support(
    *,
    organisation: Organisation,
    kind: str,
    description: str,
    support_body: SupportBody | None,
    by,
    today: datetime.date | None = None,
) -> SupportRequest:
    """An organisation asks for one kind of help, from a body reaching its area or, with `support_body`
    None, leaving the department's staff to choose one. Staff may record a request made to them by phone
    or letter on the organisation's behalf."""
    if not (edits_for(by, organisation.pk) or (by is not None and is_staff(by))):
        raise CapacityError("Only the organisation's administrators and editors can ask for support for it")
    if kind not in HelpKind.values:
        raise CapacityError("Choose the kind of help you need")
    if support_body is not None and not bodies_covering(organisation, kind).filter(pk=support_body.pk).exists():
        raise CapacityError(f"{support_body} does not offer {HelpKind(kind).label.lower()} where you work")
    request = SupportRequest(
        reference=new_request_reference(),
        organisation=organisation,
        kind=kind,
        description=_required(description, "Describe the help you need"),
        support_body=support_body,
        status=RequestStatus.SUBMITTED if support_body else RequestStatus.AWAITING_BODY,
        submitted_by=by,
        submitted_on=today or timezone.localdate(),
    )
    attribute(request, by=by, reason="Support requested")
    request.save()
    email_after_commit(request, "requested" if support_body else "requested_without_body")
    return request


# The steps in the order they are offered.
STEP_ORDER = (
    "route",
    "ask_another_body",
    "accept",
    "decline",
    "start",
    "complete",
    "close_without_outcome",
    "withdraw",
)


def step_label(step: str) -> str:
    for transition in getattr(SupportRequest, step)._django_fsm.transitions.values():
        return transition.custom.get("label", step.replace("_", " "))
    return step.replace("_", " ")


def steps_open_to(request: SupportRequest, user) -> list[str]:
    """Steps `user` may take now, counting what each step's own form asks for as given."""
    import copy

    from thirdsector.core.workflow import refusal

    offered = []
    for step in STEP_ORDER:
        probe = copy.copy(request)
        probe.decline_reason = probe.decline_reason or "(to be given)"
        probe.close_reason = probe.close_reason or "(to be given)"
        probe.outcome = probe.outcome or "(to be given)"
        probe.outcome_category = probe.outcome_category or OutcomeCategory.OTHER
        if step in ("route", "ask_another_body") and probe.support_body_id is None:
            probe.support_body_id = 0
        if refusal(probe, step, user) is None:
            offered.append(step)
    return offered


def bodies_to_send_to(request: SupportRequest, step: str):
    """The bodies a request may go to in `step`: for the requester, those reaching it (not the one that
    declined); for staff routing, any body offering that kind of help."""
    if step == "ask_another_body":
        return bodies_covering(request.organisation, request.kind).exclude(pk=request.support_body_id)
    return (
        SupportBody.objects.filter(offers__kind=request.kind, organisation__status=OrganisationStatus.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


@transaction.atomic
def take_request_step(
    *,
    request: SupportRequest,
    step: str,
    by,
    reason: str,
    today: datetime.date | None = None,
    support_body: SupportBody | None = None,
    decline_reason: str = "",
    outcome_category: str = "",
    outcome: str = "",
    close_reason: str = "",
) -> SupportRequest:
    """Takes `step` on `request` for `by`, recording what the step records and its date."""
    if step not in STEP_ORDER:
        raise CapacityError("There is no such step")
    today = today or timezone.localdate()
    if step in ("route", "ask_another_body"):
        if support_body is None:
            raise CapacityError("Choose the support body to send the request to")
        if not bodies_to_send_to(request, step).filter(pk=support_body.pk).exists():
            raise CapacityError(
                f"{support_body} cannot take this request: choose a body offering "
                f"{request.get_kind_display().lower()}" + (" where you work" if step == "ask_another_body" else "")
            )
        request.support_body = support_body
        request.decline_reason = ""
    elif step == "decline":
        request.decline_reason = decline_reason.strip()
        request.decided_on = today
    elif step == "accept":
        request.decided_on = today
    elif step == "start":
        request.started_on = today
    elif step == "complete":
        if outcome_category and outcome_category not in OutcomeCategory.values:
            raise CapacityError("Choose the outcome")
        request.outcome_category = outcome_category
        request.outcome = outcome.strip()
        request.finished_on = today
    elif step == "close_without_outcome":
        request.close_reason = close_reason.strip()
        request.finished_on = today
    elif step == "withdraw":
        request.finished_on = today
    # A body hears of a withdrawal only while the request is with it (not once it has declined).
    body_had_it = request.status in (RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS)
    try:
        take(request, step, by=by, reason=reason)
    except TransitionRefused:
        request.refresh_from_db()  # what a refused step would have recorded is not kept
        raise
    if step != "withdraw" or body_had_it:
        email_after_commit(request, step)
    return request
