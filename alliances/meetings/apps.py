from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "alliances.meetings"
    verbose_name = "Rendez-vous"
