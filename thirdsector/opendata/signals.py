"""Regenerate the 360Giving files when a published award changes (accepted, varied, closed).

Connected in `OpendataConfig.ready`. The task it queues regenerates only if the data is newer than the
newest snapshot, so saving many awards at once leads to one regeneration per worker pass.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from thirdsector.funding.models import Award

from .services.snapshots import queue_refresh


@receiver(post_save, sender=Award, dispatch_uid="opendata_award_saved")
def award_saved(sender, instance: Award, raw: bool = False, **kwargs) -> None:
    if raw or instance.published_on is None or not settings.OPENDATA_REFRESH_ON_AWARD_SAVE:
        return
    queue_refresh()
