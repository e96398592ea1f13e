"""The person chooses her allies: find someone by name, invite someone, end an alliance; the invited accept."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.choices import (
    ally_choose,
    findable_accounts,
    invitation_accept,
    invitation_cancel,
    invitation_open,
    invitation_send,
)
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally, Invitation
from alliances.circles.services import ally_end
from alliances.persons.models import Person
from alliances.www.forms import errors_to_form, submit
from alliances.www.layout import actor_of, is_own, me, render_for

from .choice_forms import AllyChooseForm, AllyFindForm, InvitationAcceptForm, InvitationForm


def _find_page(
    request: AuthenticatedRequest, actor: User, person: Person, status: int = 200, **forms: Any
) -> HttpResponse:
    find = AllyFindForm(request.GET or None)
    query = find.cleaned_data["q"] if find.is_valid() else ""
    found = findable_accounts(actor=actor, person=person, query=query) if query else []
    forms.setdefault("invite_form", InvitationForm())
    response = render_for(
        request,
        person,
        "",
        "alliance/ally_find.html",
        gettext("Ajouter quelqu'un à mon cercle"),
        find_form=find,
        query=query,
        found=[(user, AllyChooseForm(prefix=f"u{user.pk}")) for user in found],
        invitations=[i for i in Invitation.objects.filter(person=person) if i.is_open],
        **forms,
    )
    response.status_code = status
    return response


@login_required
def portal_ally_find(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.CONSENT)
    return _find_page(request, actor, person)


@login_required
@require_POST
def portal_ally_choose(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    actor, person = me(request, Category.CONSENT)
    form = AllyChooseForm(request.POST, prefix=f"u{user_id}")
    chosen = User.objects.filter(pk=user_id).first()
    if form.is_valid() and chosen is not None:
        try:
            ally_choose(actor=actor, person=person, user=chosen, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{chosen.first_name} fait partie de votre cercle. Choisissez ce que vous lui partagez.",
            )
            return redirect("portal:sharing")
    else:
        messages.error(request, gettext("Cette personne n'a pas accepté d'être trouvée."))
    return redirect("portal:ally_find")


def _accept_url(request: HttpRequest) -> Any:
    return lambda token: request.build_absolute_uri(reverse("invitation_accept", args=[token]))


@login_required
@require_POST
def portal_invite(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.CONSENT)
    form = InvitationForm(request.POST)
    sent = submit(
        request,
        form,
        lambda data: invitation_send(actor=actor, person=person, accept_url=_accept_url(request), **data),
        "",
    )
    if sent:
        invitation = sent.value
        by = gettext("par courriel") if invitation.email else gettext("par SMS")
        messages.success(request, f"L'invitation est envoyée {by}. {invitation.name} a 14 jours pour l'accepter.")
        return redirect("portal:ally_find")
    return _find_page(request, actor, person, status=400, invite_form=form)


@login_required
@require_POST
def portal_invitation_cancel(request: AuthenticatedRequest, invitation_id: int) -> HttpResponse:
    actor, person = me(request, Category.CONSENT)
    invitation = get_object_or_404(Invitation, pk=invitation_id, person=person)
    invitation_cancel(actor=actor, invitation=invitation)
    messages.success(request, gettext("L'invitation est annulée. Le lien ne marche plus."))
    return redirect("portal:ally_find")


@login_required
def ally_end_confirm(request: AuthenticatedRequest, ally_id: int) -> HttpResponse:
    """Ends an alliance after a confirmation: from the person's space or from her file."""
    actor = actor_of(request)
    ally = Ally.objects.active().filter(pk=ally_id).select_related("person", "user").first()
    if ally is None or not can(actor, Action.CHANGE, ally.person, Category.CONSENT):
        raise AccessDenied("Introuvable.")
    own = is_own(actor, ally.person)
    circle = reverse("portal:circle") if own else reverse("person_circle", args=[ally.person_id])
    if ally.role == AllyRole.REFERENT:
        messages.info(
            request,
            gettext("Votre référent·e change par un passage de relais. Vous pouvez le demander.")
            if own
            else gettext("Le ou la référent·e change par un passage de relais."),
        )
        return redirect(reverse("portal:requests") + "#changer" if own else circle)
    if request.method == "POST":
        try:
            ally_end(actor=actor, ally=ally)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = ally.user.first_name or gettext("Cette personne")
            messages.success(request, f"{name} ne fait plus partie {'de votre' if own else 'du'} cercle.")
        return redirect(circle)
    return render_for(
        request,
        ally.person,
        "person_circle",
        "alliance/ally_end.html",
        gettext("Mettre fin à une alliance"),
        ally=ally,
        back=circle,
    )


def invitation_accept_page(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """Open to anyone holding the link: the invited logs in, or makes an account here, and joins."""
    invitation = invitation_open(token)
    if invitation is None:
        return render(request, "alliance/invitation_gone.html", {"title": gettext("Invitation")}, status=404)
    user: User | None = request.user if request.user.is_authenticated else None
    form = InvitationAcceptForm(request.POST or None) if user is None else None
    if request.method == "POST":
        try:
            if user is not None:
                _, user = invitation_accept(token=token, user=user)
            elif form is not None and form.is_valid():
                _, user = invitation_accept(token=token, **form.cleaned_data)
                login(request, user, backend="alliances.accounts.backends.EmailOrPhoneBackend")
            else:
                raise ValidationError({})
        except ValidationError as error:
            if form is not None:
                errors_to_form(form, error)
            elif error.messages:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Vous faites partie du cercle de {invitation.person.first_name}.")
            return redirect("portal:home")
    status = 400 if request.method == "POST" else 200
    context = {"title": gettext("Rejoindre un cercle"), "invitation": invitation, "form": form}
    return render(request, "alliance/invitation_accept.html", context, status=status)
