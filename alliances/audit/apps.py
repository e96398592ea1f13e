from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "alliances.audit"
    verbose_name = "Journal d'accès"
