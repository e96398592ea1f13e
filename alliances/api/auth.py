from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from alliances.accounts.models import ApiToken, User


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token>. Tokens are stored as SHA-256 digests."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
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


#: A bearer token, or the browser session (CSRF-checked; staff sessions pass their second factor first).
AUTH = [TokenAuth(), SessionAuth()]
