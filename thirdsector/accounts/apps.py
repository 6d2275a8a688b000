from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thirdsector.accounts"
    verbose_name = "Accounts"
