from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import detail_for

#: Where the JSON API lives (config/urls.py).
API_PREFIX = "/api/"
_KEPT_HEADERS = ("Allow", "Retry-After")


class ApiErrorBodyMiddleware:
    """Under /api/, every error is `{"detail": "<French>"}`, including the answers ninja's handlers
    never see: an unknown address (Django's HTML 404), a method not allowed (ninja's plain-text 405)
    and a server error (Django's HTML 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replaced = JsonResponse({"detail": detail_for(response.status_code)}, status=response.status_code)
        for header in _KEPT_HEADERS:
            if header in response:
                replaced[header] = response[header]
        # Django logs a server error once, where it happened (with the request id): not again on the way out.
        replaced._has_been_logged = getattr(response, "_has_been_logged", False)  # type: ignore[attr-defined]
        return replaced
