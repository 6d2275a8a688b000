from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "thirdsector.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning"
