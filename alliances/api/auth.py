from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from alliances.accounts.models import ApiToken, User

from .errors import CsrfFailed


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token>. Tokens are stored as SHA-256 digests.

    Credentials given and wrong are a 401 at once: the session is not tried behind a bad token.
    """

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _, token = header.strip().partition(" ")
        user = self.authenticate(request, token.strip()) if scheme.lower() == self.openapi_scheme else None
        if user is None:
            raise AuthenticationError()
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class CsrfSessionAuth(SessionAuth):
    """The browser session. Its CSRF token is checked once there is a session: without one, a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise CsrfFailed()
        return request.user


#: A bearer token, or the browser session (CSRF-checked; staff sessions pass their second factor first).
AUTH = [TokenAuth(), CsrfSessionAuth()]
