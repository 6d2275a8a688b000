"""Keeping an anchor's services for Open Referral UK: the service, its weekly openings, its categories."""

from django.db import transaction

from thirdsector.accounts.access import can_edit_organisation
from thirdsector.core.audit import attribute

from ..models import Anchor, AnchorService, ServiceSchedule
from . import AnchorsError

SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "fees",
    "url",
    "email",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "languages",
    "funding",
    "location_name",
    "address_1",
    "city",
    "postal_code",
    "contact_name",
    "contact_title",
    "phone",
)


def _check_editor(anchor: Anchor, by) -> None:
    if not can_edit_organisation(by, anchor.organisation):
        raise AnchorsError("Only the anchor's editors or department staff can change its services.")


def save_service(*, anchor: Anchor, by, data: dict, service: AnchorService | None = None) -> AnchorService:
    """Adds a service to the anchor (or changes `service`); the place is mapped to its local authority's centre.

    `data` holds SERVICE_FIELDS plus `taxonomies` and `service_areas` (lists of records).
    """
    _check_editor(anchor, by)
    minimum, maximum = data.get("minimum_age"), data.get("maximum_age")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise AnchorsError("The maximum age must be the same as or more than the minimum age.", field="maximum_age")
    with transaction.atomic():
        service = service or AnchorService(anchor=anchor)
        for name in SERVICE_FIELDS:
            setattr(service, name, data.get(name) if data.get(name) is not None else _empty(name))
        area = anchor.organisation.local_authority
        if area is not None and service.latitude is None:
            service.latitude, service.longitude = area.latitude, area.longitude
        attribute(service, by=by, reason="Service added" if service.pk is None else "Service changed")
        service.save()
        service.taxonomies.set(data.get("taxonomies") or [])
        service.service_areas.set(data.get("service_areas") or [])
    return service


def _empty(name: str):
    return None if name in ("minimum_age", "maximum_age") else ""


def add_opening(
    *, service: AnchorService, by, byday: str, opens_at, closes_at, description: str = ""
) -> ServiceSchedule:
    _check_editor(service.anchor, by)
    if closes_at <= opens_at:
        raise AnchorsError("The closing time must be after the opening time.", field="closes_at")
    opening = ServiceSchedule(
        service=service, byday=byday, opens_at=opens_at, closes_at=closes_at, description=description
    )
    attribute(opening, by=by, reason="Opening time added")
    opening.save()
    return opening


def remove_opening(*, opening: ServiceSchedule, by) -> None:
    _check_editor(opening.service.anchor, by)
    attribute(opening, by=by, reason="Opening time removed")
    opening.delete()
