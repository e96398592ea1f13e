from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.rights.enums import Benefit, Helper, ProcedureState
from alliances.www.forms import DateInput, Form


class StartProcedureForm(Form):
    benefit = forms.ChoiceField(label=_("Droit"), choices=Benefit.choices)
    helper = forms.ChoiceField(
        label=_("Qui vous aide pour cette démarche ?"), choices=Helper.choices, required=False, widget=forms.RadioSelect
    )


class TransitionForm(Form):
    to_state = forms.ChoiceField(label=_("Nouvelle étape"), choices=ProcedureState.choices)
    occurred_on = forms.DateField(
        label=_("Date de l'étape"),
        widget=DateInput(),
        error_messages={"invalid": _("Saisissez une date valide.")},
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, allowed: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = allowed


class DeadlineForm(Form):
    deadline = forms.DateField(
        label=_("Échéance"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Saisissez une date valide.")},
    )
    reminder_on = forms.DateField(
        label=_("Date du rappel"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Saisissez une date valide.")},
    )


class RunForm(Form):
    month = forms.CharField(label=_("Mois (AAAA-MM)"), max_length=7)
    commune = forms.CharField(label=_("Code commune"), max_length=5, required=False)


class AssumptionForm(Form):
    """The answer to "this income is counted as stable": it continues, or it ended on a date."""

    member_id = forms.IntegerField(widget=forms.HiddenInput)
    income_type = forms.CharField(max_length=30, widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=[("continues", _("Il continue")), ("stopped", _("Il s'est arrêté"))])
    ended_on = forms.DateField(label=_("Date du dernier jour"), required=False, widget=DateInput())

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("choice") == "stopped" and not cleaned.get("ended_on"):
            self.add_error("ended_on", _("Indiquez la date du dernier jour de ce revenu."))
        return cleaned
