import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from .enums import PERSON_ROLES, STAFF_ROLES, Language, Role


class AlliancesUserManager(UserManager["User"]):
    def create_user(
        self, username: str | None = None, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> "User":
        username = username or secrets.token_hex(8)
        return super().create_user(username, email or None, password, **extra_fields)

    def create_superuser(
        self, username: str | None = None, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username or secrets.token_hex(8), email, password, **extra_fields)


class User(AbstractUser):
    """An account. Persons log in with an email or a phone number; staff with an email."""

    email = models.EmailField("adresse électronique", null=True, blank=True)  # type: ignore[assignment]
    phone = models.CharField("téléphone", max_length=20, null=True, blank=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.PERSON)
    #: False while a role given in the admin waits for a second administrator's approval: until then the
    #: account may log in but the access policy grants it nothing (alliances/access/policy.py).
    role_approved = models.BooleanField("rôle approuvé", default=True)
    #: The account agreed to be found by its name, so that a person can add it to her circle.
    findable = models.BooleanField("accepte d'être trouvé·e par son nom", default=False)
    #: The language of her pages and of the messages she receives (staff pages stay French).
    language = models.CharField("langue", max_length=8, choices=Language.choices, default=Language.FR)
    role_requested_by = models.ForeignKey(
        "self",
        verbose_name="rôle demandé par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar[AlliancesUserManager] = AlliancesUserManager()

    class Meta:
        verbose_name = "compte"
        verbose_name_plural = "comptes"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci", condition=Q(email__isnull=False)),
            models.UniqueConstraint(fields=["phone"], name="user_phone_unique", condition=Q(phone__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.phone or self.username

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_person_role(self) -> bool:
        return self.role in PERSON_ROLES


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("nom", max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
