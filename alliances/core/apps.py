from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "alliances.core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import collation  # noqa: F401  (registers the French collation on each SQLite connection)
