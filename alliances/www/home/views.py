from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from alliances.www.layout import actor_of
from alliances.www.menu import landing_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Sends each account to its own starting page."""
    return redirect(landing_for(actor_of(request)))
