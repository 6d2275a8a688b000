from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "thirdsector.register"
    verbose_name = "Register"

    def ready(self) -> None:
        from . import signals
        from .models import Area, Characteristic, Identifier, Organisation, PolicyArea

        signals.connect([Area, Characteristic, Identifier, Organisation, PolicyArea])
