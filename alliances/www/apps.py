from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "alliances.www"
    verbose_name = "Site web"
