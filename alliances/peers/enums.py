from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchState(models.TextChoices):
    #: Chosen by one side (the person, or their referent on their behalf), waiting for the other yes.
    PROPOSED = "proposed", _("En attente de réponse")
    AGREED = "agreed", _("En lien")
    DECLINED = "declined", _("Pas donné suite")
    ENDED = "ended", _("Terminé")
    #: The peer withdrew their profile before answering.
    WITHDRAWN = "withdrawn", _("Retiré")


#: Matches that hold one of the peer's places and block a second match between the same two persons.
OPEN_STATES = (MatchState.PROPOSED, MatchState.AGREED)
