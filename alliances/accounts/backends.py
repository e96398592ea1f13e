from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from .models import User
from .phone import normalize_phone


class EmailOrPhoneBackend(ModelBackend):
    """Authenticates with an email address or a French phone number, and a password."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or not password:
            return None
        identifier = username.strip()
        query = Q(email__iexact=identifier)
        phone = normalize_phone(identifier)
        if phone:
            query |= Q(phone=phone)
        user = User.objects.filter(query).first()
        if user is None:
            User().set_password(password)  # same time spent whether the account exists or not
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
