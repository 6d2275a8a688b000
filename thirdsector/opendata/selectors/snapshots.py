"""Which 360Giving snapshot the public URLs serve, and whether it is behind the data."""

import datetime

from ..models import GrantsSnapshot
from .grants import sources_changed_at


def latest_snapshot() -> GrantsSnapshot | None:
    return GrantsSnapshot.objects.order_by("-generated_at", "-id").first()


def is_stale(snapshot: GrantsSnapshot | None, *, changed_at: datetime.datetime | None = None) -> bool:
    """True when there is no snapshot or something it shows has changed since it was generated."""
    if snapshot is None:
        return True
    changed_at = changed_at if changed_at is not None else sources_changed_at()
    if changed_at is None:
        return False
    return snapshot.sources_changed_at is None or changed_at > snapshot.sources_changed_at
