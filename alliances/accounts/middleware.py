from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a staff member may reach before giving their second factor.
_OPEN_PREFIXES = ("/static/", "/compte/", "/favicon")


class StaffSecondFactorMiddleware:
    """When DEBUG is off, staff sessions must be verified with a TOTP code (django-otp)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.ALLIANCES_REQUIRE_STAFF_OTP
            and user is not None
            and user.is_authenticated
            and getattr(user, "is_staff_role", False)
            and not user.is_verified()
            and not getattr(request, "api_token_auth", False)
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Second facteur d'authentification requis."}, status=401)
            return redirect(f"{reverse('otp_verify')}?next={request.path}")
        return self.get_response(request)
