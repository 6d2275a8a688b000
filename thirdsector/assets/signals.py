"""The grant engine's saves that asset transfer follows (see `services/engine.py` for why)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from thirdsector.funding.models import Application, Award

from .services.engine import follow_application, follow_award


@receiver(post_save, sender=Application, dispatch_uid="assets_follow_application")
def application_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        follow_application(instance)


@receiver(post_save, sender=Award, dispatch_uid="assets_follow_award")
def award_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        follow_award(instance, created=created)
