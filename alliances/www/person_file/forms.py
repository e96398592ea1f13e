from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.persons.enums import ContactChannel, RequestStatus
from alliances.www.forms import DateInput, Form


class IdentityForm(Form):
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    first_names = forms.CharField(label=_("Prénoms"), max_length=150)
    preferred_name = forms.CharField(
        label=_("Prénom choisi"),
        max_length=150,
        required=False,
        help_text=_("Le prénom par lequel la personne souhaite être appelée."),
    )
    birth_date = forms.DateField(
        label=_("Date de naissance"),
        widget=DateInput(),
        error_messages={"invalid": _("Saisissez une date valide, par exemple 02/03/1991.")},
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        required=False,
        error_messages={"invalid": _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")},
    )
    phone = forms.CharField(
        label=_("Téléphone"), max_length=20, required=False, help_text=_("Par exemple : 06 12 34 56 78")
    )
    address = forms.CharField(label=_("Adresse postale"), max_length=300, required=False)
    languages = forms.CharField(label=_("Langues parlées"), max_length=200, required=False)
    accessibility_needs = forms.CharField(
        label=_("Besoins d'accessibilité"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferred_channel = forms.ChoiceField(label=_("Moyen de contact préféré"), choices=ContactChannel.choices)


class RequestAnswerForm(Form):
    """The referent answers a request of the person: under way, done, or not granted (then say why)."""

    status = forms.ChoiceField(
        label=_("Réponse"),
        choices=[
            (RequestStatus.IN_PROGRESS, _("En cours")),
            (RequestStatus.DONE, _("Faite")),
            (RequestStatus.DECLINED, _("Non retenue")),
        ],
        error_messages={"required": _("Choisissez une réponse."), "invalid_choice": _("Choisissez dans la liste.")},
    )
    answer = forms.CharField(
        label=_("Message à la personne"),
        help_text=_("Obligatoire si la demande n'est pas retenue : dites pourquoi."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("La réponse est trop longue.")},
    )
