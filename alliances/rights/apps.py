from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "alliances.rights"
    verbose_name = "Accès aux droits"
