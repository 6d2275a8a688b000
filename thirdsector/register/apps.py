from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "thirdsector.register"
    verbose_name = "Register"
