"""Background work of the open data app, run by the tasks framework's worker (`manage.py db_worker`)."""

from django.tasks import task

from .services.snapshots import refresh_snapshot


@task
def refresh_grants_snapshot() -> dict:
    """Regenerates the 360Giving files if what they show has changed since the newest snapshot."""
    snapshot = refresh_snapshot()
    if snapshot is None:
        return {"regenerated": False}
    return {"regenerated": True, "snapshot": snapshot.pk, "grants": snapshot.grants}
