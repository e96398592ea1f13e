"""The person's agreement to research use of her data, from her space (off until she says yes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.categories import Category
from alliances.accounts.requests import AuthenticatedRequest
from alliances.consent.research import research_consent_set

from .views import _me


@login_required
@require_POST
def portal_research(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = _me(request, Category.CONSENT)
    granted = request.POST.get("research") == "yes"
    if research_consent_set(actor=actor, person=person, granted=granted):
        messages.success(
            request,
            _("Merci. Vos données pourront servir à la recherche, sans votre nom.")
            if granted
            else _("C'est noté : vos données ne serviront plus à la recherche."),
        )
    return redirect("portal:sharing")
