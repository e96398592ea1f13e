from django.apps import AppConfig


class AllianceConfig(AppConfig):
    name = "alliances.alliance"
    verbose_name = "Alliances"
