from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from thirdsector.core.audit import attribute

from ..models import Identifier, Organisation, OrganisationStatus
from ..normalise import normalise_name, normalise_postcode
from ..orgid import InvalidOrgId, parse_org_id
from ..size_bands import size_band_for


class RegisterError(Exception):
    """A change the register refuses, with a message a person can act on."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


# The fields a person may set directly; name, income and postcode also refresh derived fields.
EDITABLE_FIELDS = (
    "name",
    "kind",
    "description",
    "latest_income",
    "income_period_end",
    "local_authority",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "website",
    "email",
    "phone",
    "registered_on",
)
RELATED_SETS = ("characteristics", "policy_areas", "areas_served")


def refresh_derived_fields(organisation: Organisation) -> None:
    """Keeps the normalised name, the size band and the postcode's form in step with what was typed."""
    organisation.normalised_name = normalise_name(organisation.name)
    organisation.size_band = size_band_for(organisation.latest_income) or ""
    if organisation.postcode:
        normalised = normalise_postcode(organisation.postcode)
        organisation.postcode_needs_checking = normalised is None
        organisation.postcode = normalised or organisation.postcode.strip().upper()[:16]
    else:
        organisation.postcode_needs_checking = False


def _set_related(organisation: Organisation, related: dict[str, Iterable]) -> None:
    for name in RELATED_SETS:
        if name in related:
            getattr(organisation, name).set(related[name])


@transaction.atomic
def create_organisation(
    *, by, reason: str, identifiers: Iterable[str] = (), related: dict[str, Iterable] | None = None, **fields
) -> Organisation:
    """Creates an organisation with its Org-IDs (the first is primary)."""
    organisation = Organisation(**{key: value for key, value in fields.items() if key in EDITABLE_FIELDS})
    refresh_derived_fields(organisation)
    attribute(organisation, by=by, reason=reason)
    organisation.save()
    _set_related(organisation, related or {})
    for position, text in enumerate(identifiers):
        add_identifier(organisation=organisation, text=text, make_primary=position == 0, by=by, reason=reason)
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, by, reason: str, related: dict[str, Iterable] | None = None, **fields
) -> Organisation:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise RegisterError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}")
    for key, value in fields.items():
        setattr(organisation, key, value)
    refresh_derived_fields(organisation)
    attribute(organisation, by=by, reason=reason)
    organisation.save()
    _set_related(organisation, related or {})
    return organisation


@transaction.atomic
def add_identifier(
    *,
    organisation: Organisation,
    text: str,
    by,
    reason: str,
    scheme: str | None = None,
    make_primary: bool = False,
) -> Identifier:
    try:
        org_id = parse_org_id(text, scheme=scheme)
    except InvalidOrgId as error:
        raise RegisterError(str(error), field="identifier") from error
    holder = Identifier.objects.filter(org_id=str(org_id)).select_related("organisation").first()
    if holder is not None:
        if holder.organisation_id == organisation.pk:
            raise RegisterError(f"{org_id} is already one of this organisation's identifiers", field="identifier")
        raise RegisterError(
            f"{org_id} already belongs to {holder.organisation.name}: if they are the same body, merge them",
            field="identifier",
        )
    if make_primary or not organisation.identifiers.exists():
        _clear_primary(organisation, by=by, reason=reason)
        make_primary = True
    identifier = Identifier(
        organisation=organisation, scheme=org_id.scheme, value=org_id.value, is_primary=make_primary
    )
    attribute(identifier, by=by, reason=reason)
    identifier.save()
    return identifier


def _clear_primary(organisation: Organisation, *, by, reason: str) -> None:
    for current in organisation.identifiers.filter(is_primary=True):
        current.is_primary = False
        attribute(current, by=by, reason=reason)
        current.save()


@transaction.atomic
def make_identifier_primary(*, identifier: Identifier, by, reason: str) -> Identifier:
    _clear_primary(identifier.organisation, by=by, reason=reason)
    identifier.is_primary = True
    attribute(identifier, by=by, reason=reason)
    identifier.save()
    return identifier


@transaction.atomic
def remove_identifier(*, identifier: Identifier, by, reason: str) -> None:
    organisation = identifier.organisation
    was_primary = identifier.is_primary
    attribute(identifier, by=by, reason=reason)
    identifier.delete()
    if was_primary:
        successor = organisation.identifiers.order_by("org_id").first()
        if successor is not None:
            make_identifier_primary(identifier=successor, by=by, reason=reason)


@transaction.atomic
def remove_organisation(*, organisation: Organisation, by, reason: str, removed_on: date | None = None) -> Organisation:
    """Takes an organisation off the active register; its record and history stay."""
    if organisation.status == OrganisationStatus.REMOVED:
        raise RegisterError("This organisation has already been removed")
    organisation.status = OrganisationStatus.REMOVED
    organisation.removed_on = removed_on or timezone.localdate()
    attribute(organisation, by=by, reason=reason)
    organisation.save()
    return organisation


@transaction.atomic
def restore_organisation(*, organisation: Organisation, by, reason: str) -> Organisation:
    if organisation.merged_into_id:
        raise RegisterError("A merged organisation cannot be restored: edit the one it was merged into")
    organisation.status = OrganisationStatus.ACTIVE
    organisation.removed_on = None
    attribute(organisation, by=by, reason=reason)
    organisation.save()
    return organisation
