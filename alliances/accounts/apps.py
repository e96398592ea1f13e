from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alliances.accounts"
    verbose_name = "Comptes"
