from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "alliances.audit"
    verbose_name = "Journal d'accès"

    def ready(self) -> None:
        from . import erase_guard  # noqa: F401  (registers the SQLite function on each connection)
