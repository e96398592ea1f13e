from django.urls import include, path

from .caseload.views import caseload
from .circles import choices as alliance_choices
from .circles import views as alliance
from .exports import research
from .exports import views as exports
from .health import alive, health
from .home.views import home
from .households import views as households
from .income import budget as income_budget
from .income import views as income
from .language_choice import language_set
from .login import sms_reset as login_sms
from .login import views as login
from .mediation import views as mediation
from .meetings import agenda as meetings_agenda
from .meetings import views as meetings
from .meetings import workshops as meetings_workshops
from .peers import views as peers
from .person_file import requests as person_file_requests
from .person_file import views as person_file
from .rights import views as rights
from .site_files import favicon
from .steering.views import steering

urlpatterns = [
    path("", home, name="home"),
    path("langue/", language_set, name="language_set"),
    path("sante/", health, name="health"),
    path("sante/vivant/", alive, name="alive"),
    path("favicon.ico", favicon, name="favicon"),
    # Accounts
    path("compte/connexion/", login.LoginView.as_view(), name="login"),
    path("compte/deconnexion/", login.LogoutView.as_view(), name="logout"),
    path("compte/second-facteur/", login.otp_verify, name="otp_verify"),
    path("compte/mot-de-passe/", login.ResetView.as_view(), name="password_reset"),
    path("compte/mot-de-passe/envoye/", login.ResetDoneView.as_view(), name="password_reset_done"),
    path("compte/mot-de-passe/sms/", login_sms.password_reset_sms, name="password_reset_sms"),
    path("compte/mot-de-passe/sms/code/", login_sms.password_reset_sms_code, name="password_reset_sms_code"),
    path("compte/mot-de-passe/<uidb64>/<token>/", login.ResetConfirmView.as_view(), name="password_reset_confirm"),
    path("compte/mot-de-passe/change/", login.ResetCompleteView.as_view(), name="password_reset_complete"),
    # Staff
    path("personnes/", caseload, name="caseload"),
    path("personnes/<int:pk>/", person_file.person_home, name="person_home"),
    path("personnes/<int:pk>/identite/", person_file.person_identity, name="person_identity"),
    path("personnes/<int:pk>/demandes/", person_file_requests.person_requests, name="person_requests"),
    path("personnes/<int:pk>/donnees/", exports.person_data, name="person_data"),
    path("personnes/<int:pk>/donnees/preparer/", exports.data_export_new, name="data_export_new"),
    path("exports/<int:export_id>/etat/", exports.data_export_status, name="data_export_status"),
    path("exports/<int:export_id>/telecharger/", exports.data_export_file, name="data_export_file"),
    path(
        "demandes/<int:request_id>/repondre/",
        person_file_requests.person_request_answer,
        name="person_request_answer",
    ),
    path("personnes/<int:pk>/identite/modifier/", person_file.person_identity_edit, name="person_identity_edit"),
    path("personnes/<int:pk>/foyer/", person_file.person_household, name="person_household"),
    path("personnes/<int:pk>/partages/", person_file.person_sharing, name="person_sharing"),
    path("personnes/<int:pk>/cercle/", alliance.person_circle, name="person_circle"),
    path("personnes/<int:pk>/cercle/ajouter/", alliance.person_ally_add, name="person_ally_add"),
    path("personnes/<int:pk>/cercle/relais/", alliance.person_handover, name="person_handover"),
    path("allies/<int:ally_id>/liens/", alliance.ally_links, name="ally_links"),
    path("allies/<int:ally_id>/fin/", alliance_choices.ally_end_confirm, name="ally_end"),
    path("invitation/<str:token>/", alliance_choices.invitation_accept_page, name="invitation_accept"),
    path("personnes/<int:pk>/pairs/", peers.person_peers, name="person_peers"),
    path("entraide/demandes/<int:request_id>/", peers.peer_candidates, name="peer_candidates"),
    path("entraide/demandes/<int:request_id>/choisir/", peers.peer_choose, name="peer_choose"),
    path("entraide/liens/<int:match_id>/reponse/", peers.peer_match_answer, name="peer_match_answer"),
    path("entraide/liens/<int:match_id>/fin/", peers.peer_match_end, name="peer_match_end"),
    path("entraide/liens/<int:match_id>/entraide/", peers.peer_mutual_aid, name="peer_mutual_aid"),
    path("personnes/<int:pk>/liens/", alliance.person_bonds, name="person_bonds"),
    path("personnes/<int:pk>/liens/lecture/<str:instrument>/", alliance.reading_new, name="reading_new"),
    path("personnes/<int:pk>/projet/", alliance.person_plan, name="person_plan"),
    path("personnes/<int:pk>/projet/objectifs/", alliance.goal_new, name="goal_new"),
    path("personnes/<int:pk>/projet/delegations/", alliance.delegation_new, name="delegation_new"),
    path("objectifs/<int:goal_id>/", alliance.goal_edit, name="goal_edit"),
    path("objectifs/<int:goal_id>/actions/", alliance.goal_action_new, name="goal_action_new"),
    path("actions/<int:action_id>/etat/", alliance.goal_action_update, name="goal_action_update"),
    path("delegations/<int:delegation_id>/reprendre/", alliance.delegation_end, name="delegation_end"),
    path("personnes/<int:pk>/journal/", alliance.person_journal, name="person_journal"),
    path("personnes/<int:pk>/journal/note-privee/", alliance.private_note_new, name="private_note_new"),
    path("personnes/<int:pk>/rendez-vous/", meetings.person_meetings, name="person_meetings"),
    path("personnes/<int:pk>/rendez-vous/proposer/", meetings.person_meeting_propose, name="person_meeting_propose"),
    path("personnes/<int:pk>/rendez-vous/rythme/", meetings.meeting_rhythm, name="meeting_rhythm"),
    path("personnes/<int:pk>/rendez-vous/rappels/", meetings.meeting_reminders, name="meeting_reminders"),
    path("rendez-vous/<int:meeting_id>/accepter/", meetings.meeting_answer, name="meeting_answer"),
    path("rendez-vous/<int:meeting_id>/autre-date/", meetings.meeting_reschedule, name="meeting_reschedule"),
    path("rendez-vous/<int:meeting_id>/annuler/", meetings.meeting_cancel_view, name="meeting_cancel"),
    path("rendez-vous/<int:meeting_id>/clore/", meetings.meeting_close_view, name="meeting_close"),
    path("rendez-vous/<int:meeting_id>/rendez-vous.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("agenda/", meetings_agenda.agenda, name="agenda"),
    path("agenda/disponibilites/", meetings_agenda.availability, name="availability"),
    path(
        "agenda/disponibilites/<int:availability_id>/retirer/",
        meetings_agenda.availability_delete,
        name="availability_delete",
    ),
    path("agenda/absences/", meetings_agenda.absence_new, name="absence_new"),
    path("agenda/flux/nouveau/", meetings_agenda.feed_renew, name="feed_renew"),
    path("agenda/flux/retirer/", meetings_agenda.feed_revoke, name="feed_revoke"),
    path("agenda/flux/<str:secret>.ics", meetings_agenda.calendar_feed, name="calendar_feed"),
    path("agenda/suivis/<int:follow_up_id>/fait/", meetings_agenda.follow_up_close, name="follow_up_done"),
    path("ateliers/", meetings_workshops.workshops, name="workshops"),
    path("ateliers/<int:workshop_id>/annuler/", meetings_workshops.workshop_cancel_view, name="workshop_cancel"),
    path(
        "ateliers/<int:workshop_id>/validation/<str:decision>/",
        meetings_workshops.workshop_validate_view,
        name="workshop_validate",
    ),
    path("ateliers/<int:workshop_id>/inscription/", meetings_workshops.workshop_join, name="workshop_join"),
    path("ateliers/<int:workshop_id>/desinscription/", meetings_workshops.workshop_quit, name="workshop_quit"),
    path("personnes/<int:pk>/droits/", rights.person_rights, name="person_rights"),
    path("personnes/<int:pk>/droits/calcul/", rights.person_rights_status, name="person_rights_status"),
    path("personnes/<int:pk>/droits/revenu-stable/", rights.person_income_assumption, name="person_income_assumption"),
    path("personnes/<int:pk>/demarches/", mediation.person_procedures, name="person_procedures"),
    path("personnes/<int:pk>/mandats/", mediation.person_mandates, name="person_mandates"),
    path("personnes/<int:pk>/mandats/nouveau/", mediation.mandate_new, name="mandate_new"),
    path("personnes/<int:pk>/mandats/acte/", mediation.mandate_act, name="mandate_act"),
    path("mandats/<int:mandate_id>/<str:decision>/", mediation.mandate_decide, name="mandate_decide"),
    path("mandats/<int:mandate_id>/mandat.pdf", mediation.mandate_pdf, name="mandate_pdf"),
    path("demarches/progression/<int:step_id>/", mediation.progress_confirm_view, name="progress_confirm"),
    path("mediation/", mediation.mediation_desk, name="mediation_desk"),
    path("mediation/seance/", mediation.mediation_session_new, name="mediation_session_new"),
    path("personnes/<int:pk>/droits/demarche/", rights.person_procedure_start, name="person_procedure_start"),
    path("demarches/<int:procedure_id>/", rights.procedure_detail, name="procedure_detail"),
    path("demarches/<int:procedure_id>/etape/", rights.procedure_step, name="procedure_step"),
    path("demarches/<int:procedure_id>/echeance/", rights.procedure_deadline, name="procedure_deadline"),
    path("demarches/<int:procedure_id>/pieces/", rights.procedure_document, name="procedure_document"),
    path("droits/non-recours/", rights.non_take_up, name="non_take_up"),
    path("droits/verifications/<int:run_id>/", rights.run_progress, name="rights_run_progress"),
    path("personnes/<int:pk>/revenu/", income.person_income, name="person_income"),
    path("foyers/<int:household_id>/revenu-garanti/", income.household_enrollment, name="household_enrollment"),
    path("revenu-garanti/cycles/", income.cycles, name="income_cycles"),
    path("revenu-garanti/simulation/", income_budget.budget, name="income_budget"),
    path("revenu-garanti/cycles/<int:cycle_id>/", income.cycle_detail, name="income_cycle"),
    path("revenu-garanti/cycles/<int:cycle_id>/progression/", income.cycle_progress, name="income_cycle_progress"),
    path("revenu-garanti/cycles/<int:cycle_id>/droits/", income.cycle_entitlements, name="income_entitlements"),
    path(
        "revenu-garanti/cycles/<int:cycle_id>/droits/<int:entitlement_id>/",
        income.cycle_entitlement,
        name="income_entitlement",
    ),
    path("revenu-garanti/cycles/<int:cycle_id>/sepa-<int:sequence>.xml", income.cycle_sepa, name="income_cycle_sepa"),
    path("revenu-garanti/cycles/<int:cycle_id>/calculer/", income.cycle_compute_view, name="income_cycle_compute"),
    path("revenu-garanti/cycles/<int:cycle_id>/approuver/", income.cycle_approve_view, name="income_cycle_approve"),
    path("revenu-garanti/cycles/<int:cycle_id>/payer/", income.cycle_pay_view, name="income_cycle_pay"),
    path("revenu-garanti/cycles/<int:cycle_id>/clore/", income.cycle_close_view, name="income_cycle_close"),
    path(
        "revenu-garanti/cycles/<int:cycle_id>/montants/<int:entitlement_id>/revoir/",
        income.entitlement_review_view,
        name="income_entitlement_review",
    ),
    path("foyers/nouveau/", households.household_new, name="household_new"),
    path("foyers/<int:household_id>/logement/", households.housing_update, name="household_housing"),
    path("foyers/<int:household_id>/membres/", households.member_add, name="household_member_add"),
    path("foyers/<int:household_id>/membres/<int:member_id>/", households.member_edit, name="household_member_edit"),
    path(
        "foyers/<int:household_id>/membres/<int:member_id>/retirer/",
        households.member_remove,
        name="household_member_remove",
    ),
    path("foyers/<int:household_id>/ressources/", households.income_update, name="household_income"),
    path("pilotage/", steering, name="steering"),
    path("pilotage/recherche/", research.research_exports, name="research_exports"),
    path("pilotage/recherche/<int:export_id>/telecharger/", research.research_export_file, name="research_export_file"),
    # The person's own space
    path("mon-espace/", include("alliances.www.portal.urls")),
]
