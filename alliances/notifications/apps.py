from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alliances.notifications"
    verbose_name = "Notifications"
