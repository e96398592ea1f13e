"""Form base: every form renders with the French State design system (DSFR)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm, DsfrBoundField
from dsfr.utils import dsfr_input_class_attr


class DsfrFormMixin:
    """Gives any Django form (e.g. the auth forms) DSFR rendering."""

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():  # type: ignore[attr-defined]
            dsfr_input_class_attr(visible)
        plain_empty_choices(self)  # type: ignore[arg-type]


class Form(DsfrBaseForm):
    """A plain form with DSFR rendering."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_empty_choices(self)


#: What a list shows before anything is chosen, instead of Django's "---------" (read aloud as dashes).
EMPTY_CHOICE = _("Choisir dans la liste")


def plain_empty_choices(form: forms.BaseForm) -> None:
    """Every list's empty choice says what to do, in words."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == "---------":
            field.empty_label = EMPTY_CHOICE
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]  # a static list here
            if any(value == "" and label == "---------" for value, label in choices):
                field.choices = [
                    (v, EMPTY_CHOICE if v == "" and label == "---------" else label) for v, label in choices
                ]


def errors_to_form(form: forms.Form, error: Any) -> None:
    """Copies a service's ValidationError onto a form, field by field (unknown fields → form-wide)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What the service returned, once the form's data was written."""

    value: T


def submit(
    request: HttpRequest, form: forms.Form, write: Callable[[dict[str, Any]], T], done: str | Promise
) -> Saved[T] | None:
    """The form-view pattern, in one place: a valid form's cleaned data goes to the service (`write`); the
    service's refusal lands on the form, field by field, and nothing is said; its success is said (`done`).
    Returns what the service returned, or None when the form must be shown again with its errors (the
    view then answers `refused(...)`)."""
    if not form.is_valid():
        return None
    try:
        value = write(form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return None
    if done:
        messages.success(request, str(done))
    return Saved(value)


def refused(response: HttpResponse) -> HttpResponse:
    """A page shown again with the form's errors: 400, so that nothing mistakes it for a success."""
    response.status_code = 400
    return response


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2026-12-04): a date shown in the French format
    ("04/12/2026") leaves the field empty, and the form is refused the first time."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
