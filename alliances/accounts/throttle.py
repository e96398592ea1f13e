"""Login and password-reset throttling (django-axes for logins, the cache for reset requests).

Failures are counted per *account*, whatever the spelling of the identifier (an email in any case,
a phone number in any format), and per client address with a higher limit (a CCAS desk shares one
address among colleagues). Unknown identifiers are counted under a digest: no login in clear text
is kept in the attempts table or written to the logs.
"""

import hashlib
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from .models import User
from .phone import normalize_phone


def _digest(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:24]


def canonical_identifier(identifier: str) -> str:
    """One spelling per person: the lower-cased email, or the phone in E.164 form."""
    value = (identifier or "").strip()
    return normalize_phone(value) or value.lower()


def account_key(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """What axes counts failures under (AXES_USERNAME_CALLABLE): the account, never the text typed."""
    typed = ""
    if credentials:
        typed = str(credentials.get("username") or "")
    elif request is not None:
        typed = str(request.POST.get("username", ""))
    canonical = canonical_identifier(typed)
    if not canonical:
        return ""
    query = Q(email__iexact=canonical)
    phone = normalize_phone(canonical)
    if phone:
        query |= Q(phone=phone)
    user_id = User.objects.filter(query).values_list("pk", flat=True).first()
    if user_id is not None:
        return f"account:{user_id}"
    return f"unknown:{_digest(canonical)}"


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, locking an account after AXES_FAILURE_LIMIT failures (lockout parameter
    "username", which `account_key` makes the account) and an address after AXES_ADDRESS_FAILURE_LIMIT."""

    def address_failures(self, request: HttpRequest) -> int:
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        if not address:
            return 0
        since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
        total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        return int(total or 0)

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not getattr(request, "axes_locked_out", False):
            request.axes_locked_out = self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


def reset_request_allowed(*, request: HttpRequest, identifier: str) -> bool:
    """Counts one password-reset request; False once the identifier or the address asked too often.

    RESET_REQUESTS_PER_IDENTIFIER per identifier and RESET_REQUESTS_PER_ADDRESS per address, within
    RESET_WINDOW_SECONDS (the cache is shared by every process in production: Redis).
    """
    from alliances.core.client_ip import client_ip

    window = settings.RESET_WINDOW_SECONDS
    keys = [
        (f"reset:id:{_digest(canonical_identifier(identifier))}", settings.RESET_REQUESTS_PER_IDENTIFIER),
        (f"reset:ip:{_digest(client_ip(request) or '-')}", settings.RESET_REQUESTS_PER_ADDRESS),
    ]
    allowed = True
    for key, limit in keys:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        allowed = allowed and count <= limit
    return allowed
