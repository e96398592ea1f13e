from django.apps import AppConfig


class CirclesConfig(AppConfig):
    """Each person's circle of allies, the journal of what happens with them, and the workers' notes.

    The label stays "alliance", the app's first name: its tables and migrations keep their names."""

    name = "alliances.circles"
    label = "alliance"
    verbose_name = "Alliances"
