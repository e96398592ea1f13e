from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "alliances.persons"
    verbose_name = "Personnes"
