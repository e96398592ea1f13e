from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from alliances.access.policy import AccessDenied, can_view_caseload_aggregates
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.selectors import caseload_aggregates
from alliances.mediation.selectors import mediation_counts
from alliances.peers.selectors import peer_counts


@login_required
def steering(request: AuthenticatedRequest) -> HttpResponse:
    """For managers: caseloads and aggregates, never an individual file."""
    if not can_view_caseload_aggregates(request.user):
        raise AccessDenied("Introuvable.")
    return render(
        request,
        "www/steering.html",
        {
            "title": "Pilotage",
            **caseload_aggregates(),
            "peers": peer_counts(),
            "mediation": mediation_counts(),
        },
    )
