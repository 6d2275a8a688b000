"""Which 360Giving snapshot the public URLs serve, and whether it is behind the data."""

import datetime

from django.utils import timezone

from thirdsector.funding.models import Award

from ..models import GrantsSnapshot
from .grants import sources_changed_at


def latest_snapshot() -> GrantsSnapshot | None:
    return GrantsSnapshot.objects.order_by("-generated_at", "-id").first()


def is_stale(snapshot: GrantsSnapshot | None, *, today: datetime.date | None = None) -> bool:
    """True when there is no snapshot, something it shows has changed since, or a grant's publication date
    has come since it was generated (a grant published ahead of time becomes public without any change)."""
    if snapshot is None:
        return True
    changed_at = sources_changed_at()
    if changed_at is not None and (snapshot.sources_changed_at is None or changed_at > snapshot.sources_changed_at):
        return True
    today = today or timezone.localdate()
    generated_on = timezone.localtime(snapshot.generated_at).date()
    return Award.objects.filter(published_on__gt=generated_on, published_on__lte=today).exists()
