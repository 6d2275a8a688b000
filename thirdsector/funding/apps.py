from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "thirdsector.funding"
    label = "funding"
    verbose_name = "Funding"
