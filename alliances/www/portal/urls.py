from django.urls import path

from alliances.www.circles import choices as alliance_choices
from alliances.www.circles import views as alliance
from alliances.www.exports import views as exports
from alliances.www.income import views as income
from alliances.www.mediation import views as mediation
from alliances.www.meetings import views as meetings
from alliances.www.meetings import workshops as meetings_workshops
from alliances.www.peers import views as peers
from alliances.www.rights import views as rights

from . import requests, research, views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("partages/", views.portal_sharing, name="sharing"),
    path("partages/recherche/", research.portal_research, name="research"),
    path("journal/", views.portal_access_log, name="access_log"),
    path("coordonnees/", views.portal_contact, name="contact"),
    path("demandes/", requests.portal_requests, name="requests"),
    path("mes-donnees/", exports.portal_data, name="data"),
    path("demandes/<str:kind>/", requests.portal_request_send, name="request_send"),
    path("foyer/", views.portal_household, name="household"),
    path("droits/", rights.portal_rights, name="rights"),
    path("droits/calcul/", rights.portal_rights_status, name="rights_status"),
    path("revenu/", income.portal_income, name="income"),
    path("cercle/", alliance.portal_circle, name="circle"),
    path("cercle/ajouter/", alliance_choices.portal_ally_find, name="ally_find"),
    path("cercle/ajouter/<int:user_id>/", alliance_choices.portal_ally_choose, name="ally_choose"),
    path("cercle/inviter/", alliance_choices.portal_invite, name="invite"),
    path(
        "cercle/invitations/<int:invitation_id>/annuler/",
        alliance_choices.portal_invitation_cancel,
        name="invitation_cancel",
    ),
    path("liens/", alliance.portal_bonds, name="bonds"),
    path("objectifs/", alliance.portal_plan, name="plan"),
    path("echanges/", alliance.portal_interactions, name="interactions"),
    path("rendez-vous/", meetings.portal_meetings, name="meetings"),
    path("rendez-vous/proposer/", meetings.portal_meeting_propose, name="meeting_propose"),
    path("demarches/", mediation.portal_procedures, name="procedures"),
    path("mandats/", mediation.portal_mandates, name="mandates"),
    path("messages/", mediation.portal_messages, name="messages"),
    path("ateliers/", meetings_workshops.portal_workshops, name="workshops"),
    path("entraide/", peers.portal_peers, name="peers"),
    path("entraide/aider/", peers.portal_offer, name="peer_offer"),
    path("entraide/aider/retirer/", peers.portal_offer_withdraw, name="peer_offer_withdraw"),
    path("droits/demarche/", rights.portal_procedure_start, name="procedure_start"),
]
