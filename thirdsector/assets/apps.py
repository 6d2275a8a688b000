from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "thirdsector.assets"
    label = "assets"
    verbose_name = "Community asset transfer"
