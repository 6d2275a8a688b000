from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "thirdsector.assets"
    label = "assets"
    verbose_name = "Community asset transfer"

    def ready(self):
        # Follow the grant engine's application and award steps (services/engine.py).
        from . import signals  # noqa: F401
