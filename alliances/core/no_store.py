"""Pages and files with personal data are never kept by the browser or a proxy.

Persons often use shared computers (a library, a relative's phone, the CCAS's public terminal): every
answer to a logged-in user, and every API answer, carries `Cache-Control: no-store`. Static files are
served before this middleware (WhiteNoise) and keep their long cache.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response
