from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alliances.demo"
    verbose_name = "Démonstration"
