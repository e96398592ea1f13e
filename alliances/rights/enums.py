from django.db import models
from django.utils.translation import gettext_lazy as _


class Benefit(models.TextChoices):
    RSA = "rsa", _("RSA")
    PPA = "ppa", _("Prime d'activité")
    HOUSING = "aide_logement", _("Aide au logement")
    AF = "af", _("Allocations familiales")
    ASF = "asf", _("Allocation de soutien familial")
    AAH = "aah", _("AAH")
    ASPA = "aspa", _("ASPA (minimum vieillesse)")
    CSS = "css", _("Complémentaire santé solidaire")


class ProcedureState(models.TextChoices):
    TO_CHECK = "to_check", _("À vérifier")
    TO_CLAIM = "to_claim", _("À demander")
    SUBMITTED = "submitted", _("Demande déposée")
    GRANTED = "granted", _("Accordé")
    REFUSED = "refused", _("Refusé")
    APPEAL = "appeal", _("Recours en cours")
    CLOSED = "closed", _("Clos")


#: The allowed changes of state, written once.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProcedureState.TO_CHECK: frozenset({ProcedureState.TO_CLAIM, ProcedureState.CLOSED}),
    ProcedureState.TO_CLAIM: frozenset({ProcedureState.SUBMITTED, ProcedureState.CLOSED}),
    ProcedureState.SUBMITTED: frozenset({ProcedureState.GRANTED, ProcedureState.REFUSED, ProcedureState.CLOSED}),
    ProcedureState.REFUSED: frozenset({ProcedureState.APPEAL, ProcedureState.CLOSED}),
    ProcedureState.APPEAL: frozenset({ProcedureState.GRANTED, ProcedureState.REFUSED, ProcedureState.CLOSED}),
    ProcedureState.GRANTED: frozenset({ProcedureState.CLOSED}),
    ProcedureState.CLOSED: frozenset(),
}


class Helper(models.TextChoices):
    REFERENT = "referent", _("Avec mon ou ma référent·e")
    MEDIATOR = "mediator", _("Avec un·e médiateur·rice pair")
    ALONE = "alone", _("Seul·e")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec")
