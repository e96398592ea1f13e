from django.apps import AppConfig


class ExportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliances.exports"
    verbose_name = "Exports des données d'une personne"
