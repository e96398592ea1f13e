from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from alliances.accounts.enums import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Sends each person to their own starting page."""
    user = request.user
    role = getattr(user, "role", None)
    if role == Role.MANAGER:
        return redirect("steering")
    if role == Role.ADMIN:
        return redirect("admin:index")
    if role in {Role.REFERENT, Role.MEDIATOR, Role.PARTNER, Role.INSTRUCTOR}:
        return redirect("caseload")
    return redirect("portal:home")
