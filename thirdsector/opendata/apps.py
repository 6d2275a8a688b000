"""Open data: the 360Giving grants package, Open Referral UK services and the data catalogue."""

from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "thirdsector.opendata"
    label = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from . import signals  # noqa: F401  (connects the award receiver)
