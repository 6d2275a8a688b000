from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "thirdsector.measures"
    label = "measures"
    verbose_name = "Measuring progress"
