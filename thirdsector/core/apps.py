from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thirdsector.core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
