from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "alliances.mediation"
    verbose_name = "Médiation et démarches en ligne"
