from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A French, accessible page when a form has expired (CSRF check failed)."""
    return render(request, "403_csrf.html", status=403)
