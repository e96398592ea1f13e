"""The person's requests, on the staff side: her referent reads each one and answers it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, own_person_id, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.persons.file_requests import file_request_answer
from alliances.persons.models import FileRequest, Person
from alliances.persons.selectors import file_requests_for
from alliances.www.forms import submit

from .forms import RequestAnswerForm
from .views import file_context


def _page(
    request: HttpRequest, actor: User, person: Person, failed: tuple[int, RequestAnswerForm] | None = None
) -> HttpResponse:
    rows = [
        {
            "request": r,
            "form": failed[1] if failed and failed[0] == r.pk else RequestAnswerForm(prefix=f"r{r.pk}"),
        }
        for r in file_requests_for(actor=actor, person=person)
    ]
    context = {**file_context(actor, person, "person_requests"), "rows": rows}
    return render(request, "persons/requests.html", context, status=400 if failed else 200)


@login_required
def person_requests(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = request.user
    if own_person_id(actor) == pk:
        return redirect("portal:requests")
    return _page(request, actor, person_allowed(actor, pk, Category.IDENTITY, Action.CHANGE))


@login_required
@require_POST
def person_request_answer(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    actor = request.user
    file_request = get_object_or_404(FileRequest, pk=request_id)
    if own_person_id(actor) == file_request.person_id:
        raise AccessDenied("Introuvable.")
    person = person_allowed(actor, file_request.person_id, Category.IDENTITY, Action.CHANGE)
    form = RequestAnswerForm(request.POST, prefix=f"r{file_request.pk}")
    done = "La réponse est enregistrée. La personne la voit dans son espace."
    if submit(request, form, lambda data: file_request_answer(actor=actor, request=file_request, **data), done):
        return redirect("person_requests", pk=person.pk)
    return _page(request, actor, person, failed=(file_request.pk, form))
