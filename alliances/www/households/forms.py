from decimal import Decimal

from django import forms

from alliances.households.enums import HousingStatus, IncomeType, MemberRole, MemberSituation
from alliances.www.forms import DateInput, Form

_DATE = DateInput()
_DATE_ERRORS = {"invalid": "Saisissez une date valide, par exemple 02/03/1991."}
_AMOUNT_ERRORS = {"invalid": "Saisissez un montant en euros, par exemple 450,00.", "required": "Indiquez un montant."}


class HousingForm(Form):
    status = forms.ChoiceField(label="Situation de logement", choices=HousingStatus.choices)
    rent = forms.DecimalField(
        label="Loyer mensuel (€)",
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        required=False,
        error_messages={**_AMOUNT_ERRORS, "min_value": "Le loyer ne peut pas être négatif."},
    )
    commune_code = forms.CharField(
        label="Code commune INSEE",
        max_length=5,
        help_text="Par exemple 35238 pour Rennes.",
        error_messages={"required": "Indiquez le code commune."},
    )


class MemberForm(Form):
    first_name = forms.CharField(label="Prénom", max_length=150, error_messages={"required": "Indiquez le prénom."})
    last_name = forms.CharField(label="Nom", max_length=150, error_messages={"required": "Indiquez le nom."})
    birth_date = forms.DateField(
        label="Date de naissance",
        widget=_DATE,
        error_messages={**_DATE_ERRORS, "required": "Indiquez la date de naissance."},
    )
    role = forms.ChoiceField(label="Place dans le foyer", choices=MemberRole.choices, initial=MemberRole.CHILD)
    disability_rate = forms.DecimalField(
        label="Taux d'incapacité reconnu (%)",
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        error_messages={
            "min_value": "Le taux est un pourcentage compris entre 0 et 100.",
            "max_value": "Le taux est un pourcentage compris entre 0 et 100.",
        },
    )
    situations = forms.MultipleChoiceField(
        label="Situations (si c'est le cas)",
        choices=MemberSituation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class IncomeForm(Form):
    member = forms.TypedChoiceField(label="Membre du foyer", coerce=int, choices=[])
    income_type = forms.ChoiceField(label="Type de ressource", choices=IncomeType.choices)
    month = forms.DateField(
        label="Mois",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%m/%Y"],
        error_messages={"invalid": "Saisissez un mois, par exemple 2026-10.", "required": "Indiquez le mois."},
    )
    amount = forms.DecimalField(
        label="Montant net du mois (€)",
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text="0 pour effacer une ressource saisie par erreur.",
        error_messages={**_AMOUNT_ERRORS, "min_value": "Le montant ne peut pas être négatif."},
    )

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members


class NewHouseholdForm(Form):
    """Opens a file: the applicant's identity and the household's housing, in one step."""

    last_name = forms.CharField(label="Nom", max_length=150, error_messages={"required": "Indiquez le nom."})
    first_names = forms.CharField(
        label="Prénoms", max_length=150, error_messages={"required": "Indiquez le ou les prénoms."}
    )
    birth_date = forms.DateField(
        label="Date de naissance",
        widget=_DATE,
        error_messages={**_DATE_ERRORS, "required": "Indiquez la date de naissance."},
    )
    phone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(
        label="Adresse électronique",
        required=False,
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    status = HousingForm.base_fields["status"]
    rent = HousingForm.base_fields["rent"]
    commune_code = HousingForm.base_fields["commune_code"]
