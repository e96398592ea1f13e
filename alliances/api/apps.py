from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "alliances.api"
    verbose_name = "API"
