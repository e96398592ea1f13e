"""Her requests: an item of her file is wrong, or she asks for another referent; she follows each one."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.categories import Category
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.persons.enums import RequestKind, RequestTopic
from alliances.persons.file_requests import file_request_send
from alliances.persons.models import Person
from alliances.persons.selectors import file_requests_for
from alliances.www.forms import Form, submit
from alliances.www.layout import me, render_for

from .forms import CorrectionForm, HandoverAskForm


def _page(request: AuthenticatedRequest, actor: User, person: Person, status: int = 200, **forms: Form) -> HttpResponse:
    topic = request.GET.get("sujet", "")
    forms.setdefault(
        "correction_form", CorrectionForm(initial={"topic": topic if topic in RequestTopic.values else ""})
    )
    forms.setdefault("handover_form", HandoverAskForm())
    response = render_for(
        request,
        person,
        "",
        "portal/requests.html",
        _("Mes demandes"),
        requests=file_requests_for(actor=actor, person=person),
        **forms,
    )
    response.status_code = status
    return response


@login_required
def portal_requests(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.IDENTITY)
    return _page(request, actor, person)


@login_required
@require_POST
def portal_request_send(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    actor, person = me(request, Category.IDENTITY)
    form: Form = HandoverAskForm(request.POST) if kind == RequestKind.HANDOVER else CorrectionForm(request.POST)
    if submit(
        request,
        form,
        lambda data: file_request_send(
            actor=actor,
            person=person,
            kind=RequestKind.HANDOVER if kind == RequestKind.HANDOVER else RequestKind.CORRECTION,
            topic=data.get("topic", ""),
            text=data["text"],
        ),
        _("Votre demande est envoyée à votre référent·e. Vous suivez sa réponse ici."),
    ):
        return redirect("portal:requests")
    name = "handover_form" if kind == RequestKind.HANDOVER else "correction_form"
    return _page(request, actor, person, status=400, **{name: form})
