"""The request of a logged-in account: what every view behind login (web) or a token (API) receives, and
the checked way to read the account where Django types the request loosely (the admin's hooks)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is an account, never anonymous: `login_required`, or the API's token or
    session check, let no other request through. Views declare it instead of casting `request.user`."""

    user: User
    htmx: HtmxDetails  # set by django-htmx's middleware on every request


def account_or_none(request: HttpRequest) -> User | None:
    """The request's account, or None for an anonymous visitor: checked, not cast."""
    return request.user if isinstance(request.user, User) else None


def account_of(request: HttpRequest) -> User:
    """The request's account where only accounts get through (the admin's hooks): checked, not cast."""
    user = account_or_none(request)
    if user is None:
        raise PermissionDenied
    return user
