from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "alliances.goals"
    verbose_name = "Projet et objectifs"
