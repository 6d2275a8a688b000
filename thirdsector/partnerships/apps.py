from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "thirdsector.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
