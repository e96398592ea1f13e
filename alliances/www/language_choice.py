"""Choosing the language of her pages: kept in her account once logged in, in a cookie before."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from alliances.accounts.enums import Language
from alliances.accounts.requests import AuthenticatedRequest
from alliances.accounts.services import account_language_set

ONE_YEAR = 365 * 24 * 3600


@require_POST
def language_set(request: AuthenticatedRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    response = HttpResponseRedirect(back)
    if language not in Language.values:
        return response  # an unknown language changes nothing
    user = request.user
    if user.is_authenticated:
        if user.is_person_role:
            account_language_set(actor=user, language=language)
        return response  # staff pages stay French
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
