from django.apps import AppConfig


class AnchorsConfig(AppConfig):
    name = "thirdsector.anchors"
    label = "anchors"
    verbose_name = "Community anchors"
