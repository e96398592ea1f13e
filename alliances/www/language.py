"""The language of each page (issue 20): a person reads her pages in the language she chose, French by
default, English or Arabic (right to left). Staff pages stay French, whatever the browser says."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_noop

from alliances.accounts.enums import Language


def language_for(request: HttpRequest) -> str:
    """Her account's choice; before login, the choice kept in a cookie; else French. Never the browser's
    Accept-Language: a worker's English browser must not turn the desk's pages English."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.language) if user.is_person_role else Language.FR.value
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in Language.values else Language.FR.value


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.activate(settings.LANGUAGE_CODE)
        response.headers.setdefault("Content-Language", language)
        return response


#: django-dsfr's own words on person pages: it ships a French catalog only, so English and Arabic come
#: from ours (LOCALE_PATHS come first).
DSFR_WORDS = (gettext_noop("(Optional)"),)
