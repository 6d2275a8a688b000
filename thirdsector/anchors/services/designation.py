"""Proposing an organisation as a community anchor, deciding on it, reviewing it and lapsing it."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.access import can_edit_organisation
from thirdsector.core.audit import attribute
from thirdsector.core.uploads import UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.register.models import Organisation, OrganisationStatus

from ..models import Anchor, AnchorStatus, Criterion
from . import AnchorsError

EDITABLE_STATUSES = (AnchorStatus.PROPOSED, AnchorStatus.REFUSED, AnchorStatus.LAPSED)


def review_years() -> int:
    return int(settings.ANCHORS_REVIEW_YEARS)


def _check_documents(evidence: dict) -> None:
    for criterion in Criterion:
        document = evidence.get(f"{criterion.value}_document")
        if document and hasattr(document, "content_type"):
            try:
                check_upload(document, max_bytes=settings.ANCHORS_EVIDENCE_MAX_BYTES)
            except UploadRefused as error:
                raise AnchorsError(str(error), field=f"{criterion.value}_document") from error


def propose(*, organisation: Organisation, by, evidence: dict, today: datetime.date | None = None) -> Anchor:
    """Proposes `organisation` with evidence (`<criterion>`, `<criterion>_evidence`, `<criterion>_document`).

    A refused or lapsed organisation is proposed again on the same record, so its history stays whole;
    one already proposed has its evidence updated; a designated one cannot be proposed.
    """
    today = today or timezone.localdate()
    if not can_edit_organisation(by, organisation):
        raise AnchorsError("Only the organisation's editors or department staff can propose it as an anchor.")
    if organisation.status != OrganisationStatus.ACTIVE:
        raise AnchorsError("Only an active organisation can be proposed as an anchor.")
    if organisation.is_public_body:
        raise AnchorsError("A public body cannot be a community anchor: anchors are independent and community-led.")
    for criterion in Criterion:
        if evidence.get(criterion.value) and not (evidence.get(f"{criterion.value}_evidence") or "").strip():
            raise AnchorsError(
                f"Give the evidence that the organisation is {criterion.label.lower()}.",
                field=f"{criterion.value}_evidence",
            )
    _check_documents(evidence)
    with transaction.atomic():
        anchor = Anchor.objects.select_for_update().filter(organisation=organisation).first()
        if anchor is not None and anchor.status == AnchorStatus.DESIGNATED:
            raise AnchorsError("The organisation is already a designated community anchor.")
        if anchor is None:
            anchor = Anchor(organisation=organisation, proposed_on=today, proposed_by=by)
            reason = "Proposed as a community anchor"
        else:
            reason = "Evidence updated"
        for name, value in evidence.items():
            if name.endswith("_document") and not value:
                continue  # no new file: keep the one already given
            setattr(anchor, name, value)
        if anchor.status in (AnchorStatus.REFUSED, AnchorStatus.LAPSED):
            attribute(anchor, by=by, reason="Evidence updated")
            anchor.save()
            take(anchor, "propose_again", by=by, reason="Proposed again", today=today)
            return anchor
        attribute(anchor, by=by, reason=reason)
        anchor.save()
    return anchor


def _take(anchor: Anchor, step: str, *, by, reason: str, **arguments) -> Anchor:
    try:
        return take(anchor, step, by=by, reason=reason, **arguments)
    except TransitionRefused as error:
        raise AnchorsError(str(error)) from error


def designate(*, anchor: Anchor, by, today: datetime.date | None = None) -> Anchor:
    today = today or timezone.localdate()
    return _take(anchor, "designate", by=by, reason="Designated", today=today, review_years=review_years())


def refuse(*, anchor: Anchor, by, reason: str, today: datetime.date | None = None) -> Anchor:
    anchor.refusal_reason = (reason or "").strip()
    if not anchor.refusal_reason:
        raise AnchorsError("Give the reason for refusing the designation.", field="reason")
    return _take(anchor, "refuse", by=by, reason=anchor.refusal_reason, today=today or timezone.localdate())


def renew(*, anchor: Anchor, by, reason: str, today: datetime.date | None = None) -> Anchor:
    """Staff have reviewed the designation and keep it: a new review date from today."""
    if not (reason or "").strip():
        raise AnchorsError("Say what the review found.", field="reason")
    today = today or timezone.localdate()
    return _take(anchor, "review", by=by, reason=reason.strip(), today=today, review_years=review_years())


def lapse_unreviewed(*, today: datetime.date) -> int:
    """The daily step: designations whose review date has passed without a review lapse. Returns how many."""
    lapsed = 0
    for anchor in Anchor.objects.filter(status=AnchorStatus.DESIGNATED, review_on__lt=today).select_related(
        "organisation"
    ):
        anchor.lapse_check_day = today
        take(
            anchor,
            "lapse",
            by=None,
            reason=f"Not reviewed by its review date, {anchor.review_on:%-d %B %Y}",
            today=today,
        )
        lapsed += 1
    return lapsed
