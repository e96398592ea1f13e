from django.db import models


class Benefit(models.TextChoices):
    RSA = "rsa", "RSA"
    PPA = "ppa", "Prime d'activité"
    HOUSING = "aide_logement", "Aide au logement"
    AF = "af", "Allocations familiales"
    ASF = "asf", "Allocation de soutien familial"
    AAH = "aah", "AAH"
    ASPA = "aspa", "ASPA (minimum vieillesse)"
    CSS = "css", "Complémentaire santé solidaire"


class ProcedureState(models.TextChoices):
    TO_CHECK = "to_check", "À vérifier"
    TO_CLAIM = "to_claim", "À demander"
    SUBMITTED = "submitted", "Demande déposée"
    GRANTED = "granted", "Accordé"
    REFUSED = "refused", "Refusé"
    APPEAL = "appeal", "Recours en cours"
    CLOSED = "closed", "Clos"


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
    REFERENT = "referent", "Avec mon ou ma référent·e"
    MEDIATOR = "mediator", "Avec un·e médiateur·rice pair"
    ALONE = "alone", "Seul·e"


class RunStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Échec"
