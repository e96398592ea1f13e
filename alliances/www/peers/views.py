"""Peers: offering to help, asking for a peer, choosing, answering, ending, mutual aid.

The person's pages live in their space ("vous"); their referent asks on their behalf from the file.
Nothing but first names is shown of the other side (selectors give nothing else).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_offer_help, may_ask_peer_for, own_person_id, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.core.validation import today
from alliances.peers.enums import MatchState
from alliances.peers.models import PeerProfile
from alliances.peers.selectors import (
    candidates_for,
    match_for,
    matches_for_person,
    matches_of,
    own_profile,
    reasons_for,
    request_for,
)
from alliances.peers.services import (
    match_answer,
    match_choose,
    match_end,
    mutual_aid_record,
    peer_request_create,
    profile_offer,
    profile_withdraw,
)
from alliances.persons.models import Person
from alliances.www.forms import submit
from alliances.www.layout import actor_of, me, render_for

from .forms import MutualAidForm, OfferForm, WishForm

WISH_FIELDS = ("experiences", "procedures", "languages", "neighbourhood", "availability")


def _ask(request: HttpRequest, actor: User, person: Person, form: WishForm) -> HttpResponse | None:
    """A posted wish becomes a request, and the page of its candidates; else None (the form, with errors)."""
    if request.method != "POST":
        return None
    wish = submit(
        request,
        form,
        lambda data: peer_request_create(actor=actor, person=person, **{f: data[f] for f in WISH_FIELDS}),
        "",
    )
    return redirect("peer_candidates", request_id=wish.value.pk) if wish else None


@login_required
def portal_peers(request: AuthenticatedRequest) -> HttpResponse:
    """The person's peer page: their matches, asking for a peer, and offering to help."""
    actor, person = me(request, Category.CONSENT)
    form = WishForm(request.POST or None)
    if (asked := _ask(request, actor, person, form)) is not None:
        return asked
    return render_for(
        request,
        person,
        "person_circle",
        "peers/portal.html",
        gettext("Entraide entre pairs"),
        matches=matches_of(actor=actor),
        profile=own_profile(actor),
        form=form,
        can_offer=can_offer_help(actor),
    )


@login_required
def portal_offer(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.IDENTITY)
    if not can_offer_help(actor):
        raise AccessDenied("Introuvable.")
    profile = own_profile(actor)
    initial = (
        {f: getattr(profile, f) for f in (*WISH_FIELDS, "capacity")} if profile is not None else {"languages": ["fr"]}
    )
    form = OfferForm(request.POST or None, initial=initial)
    done = gettext("Merci. Votre proposition d'aide est visible des personnes qui cherchent un pair.")
    if request.method == "POST" and submit(request, form, lambda data: profile_offer(actor=actor, **data), done):
        return redirect("portal:peers")
    return render_for(
        request,
        person,
        "person_circle",
        "peers/offer.html",
        gettext("Proposer mon aide"),
        form=form,
        profile=profile,
    )


@login_required
@require_POST
def portal_offer_withdraw(request: AuthenticatedRequest) -> HttpResponse:
    actor, _ = me(request, Category.IDENTITY)
    try:
        profile_withdraw(actor=actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Votre proposition d'aide est retirée. Plus personne ne la voit."))
    return redirect("portal:peers")


@login_required
def person_peers(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The referent's side: the person's matches, and asking for a peer on their behalf."""
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.CONSENT)
    if not may_ask_peer_for(actor, person.pk):
        raise AccessDenied("Introuvable.")
    form = WishForm(request.POST or None, own=False)
    if (asked := _ask(request, actor, person, form)) is not None:
        return asked
    return render_for(
        request,
        person,
        "person_circle",
        "peers/person.html",
        gettext("Entraide entre pairs"),
        matches=matches_for_person(actor=actor, person=person),
        form=form,
    )


@login_required
def peer_candidates(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    actor = actor_of(request)
    wish = request_for(actor=actor, request_id=request_id)
    person = wish.person
    return render_for(
        request,
        person,
        "person_circle",
        "peers/candidates.html",
        gettext("Les pairs qui pourraient vous aider")
        if own_person_id(actor) == person.pk
        else gettext("Pairs proposés"),
        wish=wish,
        candidates=candidates_for(actor=actor, request=wish),
    )


@login_required
@require_POST
def peer_choose(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    actor = actor_of(request)
    wish = request_for(actor=actor, request_id=request_id)
    try:
        peer_id = int(request.POST.get("peer", ""))
    except ValueError:
        peer_id = 0
    profile = PeerProfile.objects.filter(pk=peer_id).first()
    try:
        match_choose(
            actor=actor,
            request=wish,
            peer_id=peer_id,
            reasons=reasons_for(profile, wish) if profile is not None else [],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("peer_candidates", request_id=wish.pk)
    own = own_person_id(actor) == wish.person_id
    messages.success(
        request,
        gettext("C'est noté. La personne pair va recevoir votre demande ; elle peut accepter ou non.")
        if own
        else gettext("C'est noté. La personne et le pair vont chacun pouvoir dire oui ou non."),
    )
    return redirect("portal:peers") if own else redirect("person_peers", pk=wish.person_id)


def _back(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    if own_person_id(actor) is not None:
        return redirect("portal:peers")
    return redirect("person_peers", pk=person_id)


@login_required
@require_POST
def peer_match_answer(request: AuthenticatedRequest, match_id: int) -> HttpResponse:
    actor = actor_of(request)
    match = match_for(actor=actor, match_id=match_id)
    accept = request.POST.get("accept") == "1"
    try:
        match = match_answer(actor=actor, match=match, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if match.state == MatchState.AGREED:
            messages.success(request, gettext("C'est d'accord des deux côtés. Vous êtes maintenant en lien."))
        elif accept:
            messages.success(request, gettext("Votre accord est noté. On attend la réponse de l'autre personne."))
        else:
            messages.success(request, gettext("C'est noté. Vous n'avez pas à donner de raison."))
    return _back(request, match.person_id)


@login_required
@require_POST
def peer_match_end(request: AuthenticatedRequest, match_id: int) -> HttpResponse:
    actor = actor_of(request)
    match = match_for(actor=actor, match_id=match_id)
    try:
        match_end(actor=actor, match=match)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Le lien est terminé. Vous n'avez pas à donner de raison."))
    return _back(request, match.person_id)


@login_required
def peer_mutual_aid(request: AuthenticatedRequest, match_id: int) -> HttpResponse:
    actor = actor_of(request)
    match = match_for(actor=actor, match_id=match_id)
    if own_person_id(actor) not in (match.person_id, match.peer.person_id):
        raise AccessDenied("Introuvable.")
    form = MutualAidForm(request.POST or None, initial={"occurred_on": today()})
    done = gettext("C'est noté dans votre journal et dans celui de l'autre personne.")
    if request.method == "POST" and submit(
        request, form, lambda data: mutual_aid_record(actor=actor, match=match, **data), done
    ):
        return redirect("portal:peers")
    i_am_peer = own_person_id(actor) == match.peer.person_id
    other = match.person if i_am_peer else match.peer.person
    _, person = me(request, Category.NOTES)
    return render_for(
        request,
        person,
        "person_journal",
        "peers/mutual_aid.html",
        f"Noter un moment d'entraide avec {other.first_name}",
        form=form,
        match=match,
    )
