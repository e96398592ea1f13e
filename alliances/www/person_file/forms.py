from django import forms

from alliances.persons.enums import ContactChannel, RequestStatus
from alliances.www.forms import DateInput, Form


class IdentityForm(Form):
    last_name = forms.CharField(label="Nom", max_length=150)
    first_names = forms.CharField(label="Prénoms", max_length=150)
    preferred_name = forms.CharField(
        label="Prénom choisi",
        max_length=150,
        required=False,
        help_text="Le prénom par lequel la personne souhaite être appelée.",
    )
    birth_date = forms.DateField(
        label="Date de naissance",
        widget=DateInput(),
        error_messages={"invalid": "Saisissez une date valide, par exemple 02/03/1991."},
    )
    email = forms.EmailField(
        label="Adresse électronique",
        required=False,
        error_messages={"invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr."},
    )
    phone = forms.CharField(label="Téléphone", max_length=20, required=False, help_text="Par exemple : 06 12 34 56 78")
    address = forms.CharField(label="Adresse postale", max_length=300, required=False)
    languages = forms.CharField(label="Langues parlées", max_length=200, required=False)
    accessibility_needs = forms.CharField(
        label="Besoins d'accessibilité", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferred_channel = forms.ChoiceField(label="Moyen de contact préféré", choices=ContactChannel.choices)


class RequestAnswerForm(Form):
    """The referent answers a request of the person: under way, done, or not granted (then say why)."""

    status = forms.ChoiceField(
        label="Réponse",
        choices=[
            (RequestStatus.IN_PROGRESS, "En cours"),
            (RequestStatus.DONE, "Faite"),
            (RequestStatus.DECLINED, "Non retenue"),
        ],
        error_messages={"required": "Choisissez une réponse.", "invalid_choice": "Choisissez dans la liste."},
    )
    answer = forms.CharField(
        label="Message à la personne",
        help_text="Obligatoire si la demande n'est pas retenue : dites pourquoi.",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "La réponse est trop longue."},
    )
