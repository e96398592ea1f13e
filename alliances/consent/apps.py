from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "alliances.consent"
    verbose_name = "Consentements et partages"
