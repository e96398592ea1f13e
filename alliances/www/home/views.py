from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect

from alliances.accounts.requests import AuthenticatedRequest
from alliances.www.layout import actor_of
from alliances.www.menu import landing_for


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Sends each account to its own starting page."""
    return redirect(landing_for(actor_of(request)))
