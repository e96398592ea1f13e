from django.db import models


class NotificationKind(models.TextChoices):
    MATCH_PROPOSED = "match_proposed", "Mise en lien proposée"
    MATCH_AGREED = "match_agreed", "Mise en lien acceptée"
    MATCH_ENDED = "match_ended", "Mise en lien terminée"
    MANDATE_TO_CONFIRM = "mandate_to_confirm", "Mandat à confirmer"
    MANDATE_CREATED = "mandate_created", "Mandat créé"
    MANDATE_USED = "mandate_used", "Mandat utilisé"
    MANDATE_ENDING = "mandate_ending", "Mandat bientôt terminé"
    SESSION_TO_CONFIRM = "session_to_confirm", "Séance à confirmer"
    WORKSHOP_ANSWERED = "workshop_answered", "Réponse à une proposition d'atelier"
    MEETING_ANSWERED = "meeting_answered", "Rendez-vous accepté"
    MEETING_COUNTERED = "meeting_countered", "Autre date proposée"
    MEETING_MOVED = "meeting_moved", "Rendez-vous déplacé"
    MEETING_CANCELLED = "meeting_cancelled", "Rendez-vous annulé"
    PROCEDURE_STEP = "procedure_step", "Démarche qui avance"
    CIRCLE_JOINED = "circle_joined", "Arrivée dans le cercle"
    CIRCLE_LEFT = "circle_left", "Départ du cercle"
    REQUEST_ANSWERED = "request_answered", "Réponse à une demande"
    PAYMENT_MADE = "payment_made", "Versement du revenu garanti"


class Channel(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"
    #: No address or number on file: the message waits in the person's space only.
    SPACE = "space", "Espace personnel seulement"
