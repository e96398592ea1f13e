from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "alliances.households"
    verbose_name = "Foyers"
