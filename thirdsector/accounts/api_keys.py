"""API keys for machine clients: issue, list, revoke. Views and the command `issue_api_key` call these.

The key is returned once, to be shown once; only its hash is stored, so a lost key is revoked and a
new one issued. Every issue and revocation is kept in the key's history with who did it and why.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from thirdsector.core.audit import attribute

from .models import ApiKey


class ApiKeyError(Exception):
    pass


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    key: str


@transaction.atomic
def issue_api_key(
    *,
    name: str,
    contact_email: str,
    by,
    reason: str,
    organisation=None,
    rate: str = "",
    expires_at: datetime | None = None,
) -> IssuedKey:
    api_key = ApiKey(
        name=name,
        contact_email=contact_email,
        organisation=organisation,
        rate=rate or settings.API_KEY_DEFAULT_RATE,
        expiry_date=expires_at,
        issued_by=by,
    )
    api_key.full_clean(exclude=["id", "prefix", "hashed_key"])
    key = ApiKey.objects.assign_key(api_key)
    attribute(api_key, by=by, reason=reason)
    api_key.save()
    return IssuedKey(api_key=api_key, key=key)


@transaction.atomic
def revoke_api_key(*, api_key: ApiKey, by, reason: str) -> ApiKey:
    if api_key.revoked:
        raise ApiKeyError("This key has already been revoked")
    api_key.revoked = True
    api_key.revoked_reason = reason
    attribute(api_key, by=by, reason=reason)
    api_key.save()
    return api_key


def api_keys_for_list() -> QuerySet[ApiKey]:
    return ApiKey.objects.select_related("organisation", "issued_by").order_by("-created", "prefix")
