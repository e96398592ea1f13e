from django.db import models


class MatchState(models.TextChoices):
    #: Chosen by one side (the person, or their referent on their behalf), waiting for the other yes.
    PROPOSED = "proposed", "En attente de réponse"
    AGREED = "agreed", "En lien"
    DECLINED = "declined", "Pas donné suite"
    ENDED = "ended", "Terminé"
    #: The peer withdrew their profile before answering.
    WITHDRAWN = "withdrawn", "Retiré"


#: Matches that hold one of the peer's places and block a second match between the same two persons.
OPEN_STATES = (MatchState.PROPOSED, MatchState.AGREED)
