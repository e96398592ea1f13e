from django.db import models


class ContactChannel(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"
    PHONE = "phone", "Appel téléphonique"
    POST = "post", "Courrier postal"
    IN_PERSON = "in_person", "De vive voix, au rendez-vous"
