"""Where Django types the request loosely (the admin's hooks), the account is read checked, not cast."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from alliances.accounts.requests import account_of, account_or_none

from ..conftest import World


def test_an_account_is_read_and_an_anonymous_visitor_is_refused(world: World) -> None:
    request = RequestFactory().get("/")
    request.user = world.user("admin")
    assert account_of(request) == world.user("admin")
    request.user = AnonymousUser()
    assert account_or_none(request) is None
    with pytest.raises(PermissionDenied):
        account_of(request)
