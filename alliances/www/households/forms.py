from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.households.enums import HousingStatus, IncomeType, MemberRole, MemberSituation
from alliances.www.forms import DateInput, Form

_DATE = DateInput()
_DATE_ERRORS = {"invalid": _("Saisissez une date valide, par exemple 02/03/1991.")}
_AMOUNT_ERRORS = {
    "invalid": _("Saisissez un montant en euros, par exemple 450,00."),
    "required": _("Indiquez un montant."),
}


class HousingForm(Form):
    status = forms.ChoiceField(label=_("Situation de logement"), choices=HousingStatus.choices)
    rent = forms.DecimalField(
        label=_("Loyer mensuel (€)"),
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        required=False,
        error_messages={**_AMOUNT_ERRORS, "min_value": _("Le loyer ne peut pas être négatif.")},
    )
    commune_code = forms.CharField(
        label=_("Code commune INSEE"),
        max_length=5,
        help_text=_("Par exemple 35238 pour Rennes."),
        error_messages={"required": _("Indiquez le code commune.")},
    )


class MemberForm(Form):
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, error_messages={"required": _("Indiquez le prénom.")}
    )
    last_name = forms.CharField(label=_("Nom"), max_length=150, error_messages={"required": _("Indiquez le nom.")})
    birth_date = forms.DateField(
        label=_("Date de naissance"),
        widget=_DATE,
        error_messages={**_DATE_ERRORS, "required": _("Indiquez la date de naissance.")},
    )
    role = forms.ChoiceField(label=_("Place dans le foyer"), choices=MemberRole.choices, initial=MemberRole.CHILD)
    disability_rate = forms.DecimalField(
        label=_("Taux d'incapacité reconnu (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        error_messages={
            "min_value": _("Le taux est un pourcentage compris entre 0 et 100."),
            "max_value": _("Le taux est un pourcentage compris entre 0 et 100."),
        },
    )
    situations = forms.MultipleChoiceField(
        label=_("Situations (si c'est le cas)"),
        choices=MemberSituation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class IncomeForm(Form):
    member = forms.TypedChoiceField(label=_("Membre du foyer"), coerce=int, choices=[])
    income_type = forms.ChoiceField(label=_("Type de ressource"), choices=IncomeType.choices)
    month = forms.DateField(
        label=_("Mois"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%m/%Y"],
        error_messages={"invalid": _("Saisissez un mois, par exemple 2026-10."), "required": _("Indiquez le mois.")},
    )
    amount = forms.DecimalField(
        label=_("Montant net du mois (€)"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text=_("0 pour effacer une ressource saisie par erreur."),
        error_messages={**_AMOUNT_ERRORS, "min_value": _("Le montant ne peut pas être négatif.")},
    )

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members


class NewHouseholdForm(Form):
    """Opens a file: the applicant's identity and the household's housing, in one step."""

    last_name = forms.CharField(label=_("Nom"), max_length=150, error_messages={"required": _("Indiquez le nom.")})
    first_names = forms.CharField(
        label=_("Prénoms"), max_length=150, error_messages={"required": _("Indiquez le ou les prénoms.")}
    )
    birth_date = forms.DateField(
        label=_("Date de naissance"),
        widget=_DATE,
        error_messages={**_DATE_ERRORS, "required": _("Indiquez la date de naissance.")},
    )
    phone = forms.CharField(label=_("Téléphone"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("Adresse électronique"),
        required=False,
        error_messages={"invalid": _("Saisissez une adresse électronique valide.")},
    )
    status = HousingForm.base_fields["status"]
    rent = HousingForm.base_fields["rent"]
    commune_code = HousingForm.base_fields["commune_code"]
