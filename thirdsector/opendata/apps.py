from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "thirdsector.opendata"
    label = "opendata"
    verbose_name = "Open data"
