from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "alliances.assessments"
    verbose_name = "Liens et évaluations"
