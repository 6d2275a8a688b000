from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thirdsector.core"
    verbose_name = "Core"
