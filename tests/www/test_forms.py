"""The form-view pattern (alliances/www/forms.py: submit): one place calls the service, puts its refusal on
the form field by field, and says its success."""

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from alliances.www.forms import Saved, refused, submit


class NameForm(forms.Form):
    name = forms.CharField()


def _request() -> HttpRequest:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _said(request: HttpRequest) -> list[str]:
    return [str(message) for message in get_messages(request)]


def test_a_valid_form_is_written_and_its_success_said() -> None:
    request = _request()
    written: list[dict[str, Any]] = []

    def write(data: dict[str, Any]) -> int:
        written.append(data)
        return 7

    saved = submit(request, NameForm({"name": "Ada"}), write, "C'est enregistré.")
    assert saved == Saved(7)
    assert written == [{"name": "Ada"}]
    assert _said(request) == ["C'est enregistré."]


@pytest.mark.parametrize(
    ("error", "field"),
    [(ValidationError({"name": "Ce nom est pris."}), "name"), (ValidationError("Pas maintenant."), "__all__")],
)
def test_the_services_refusal_lands_on_the_form_and_nothing_is_said(error: ValidationError, field: str) -> None:
    request = _request()

    def refuse(data: dict[str, Any]) -> None:
        raise error

    form = NameForm({"name": "Ada"})
    assert submit(request, form, refuse, "C'est enregistré.") is None
    assert form.errors[field] == error.messages
    assert _said(request) == []


def test_an_invalid_form_never_reaches_the_service() -> None:
    def unreachable(data: dict[str, Any]) -> None:
        raise AssertionError("the service was called with an invalid form")

    form = NameForm({"name": ""})
    assert submit(_request(), form, unreachable, "C'est enregistré.") is None
    assert "name" in form.errors


def test_a_page_shown_again_with_errors_answers_400() -> None:
    assert refused(HttpResponse("page")).status_code == 400


def test_a_form_sent_back_with_errors_begins_with_a_summary_linking_each_field() -> None:
    """On a phone the first wrong field can be far below: the summary comes first, names each error and
    links to its field (alliances/www/static/alliances/forms.js gives it the focus)."""
    from alliances.www.forms import Form

    class ContactForm(Form):
        name = forms.CharField(label="Nom")
        phone = forms.CharField(label="Téléphone")

        def clean(self) -> dict[str, Any]:
            raise ValidationError("Rien n'a été enregistré.")

    html = str(ContactForm({"name": "", "phone": ""}))
    summary = html.split("data-error-summary>")[1].split("</div>")[0]
    assert "2 choses sont à corriger" not in summary  # three: two fields and the form
    assert "3 choses sont à corriger" in summary
    assert '<a href="#id_name">Nom : Ce champ est obligatoire.</a>' in summary
    assert '<a href="#id_phone">Téléphone : Ce champ est obligatoire.</a>' in summary
    assert "Rien n&#x27;a été enregistré." in summary
    assert html.index("data-error-summary") < html.index('id="id_name"')
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert "data-error-summary" not in str(ContactForm())  # nothing to correct: no summary


def test_a_list_says_what_to_do_before_anything_is_chosen() -> None:
    from alliances.accounts.models import User
    from alliances.www.forms import Form

    class ChoiceForm(Form):
        who = forms.ModelChoiceField(label="Qui", queryset=User.objects.none())
        when = forms.TypedChoiceField(label="Quand", choices=[("", "---------"), ("1", "Lundi")], required=False)

    html = str(ChoiceForm())
    assert "---------" not in html
    assert html.count("Choisir dans la liste") == 2
