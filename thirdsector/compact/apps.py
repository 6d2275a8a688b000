from django.apps import AppConfig


class CompactConfig(AppConfig):
    name = "thirdsector.compact"
    label = "compact"
    verbose_name = "The Compact"
