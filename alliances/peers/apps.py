from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "alliances.peers"
    verbose_name = "Pairs et entraide"
