from django import forms

from alliances.households.enums import HousingStatus
from alliances.www.forms import Form


class CaseloadFilterForm(Form):
    q = forms.CharField(label="Rechercher par nom ou prénom", required=False, max_length=100)
    commune = forms.CharField(label="Code commune", required=False, max_length=5)
    housing = forms.ChoiceField(
        label="Logement", required=False, choices=[("", "Toutes les situations"), *HousingStatus.choices]
    )
    portal = forms.ChoiceField(
        label="Espace personnel",
        required=False,
        choices=[("", "Indifférent"), ("yes", "A un espace personnel"), ("no", "N'a pas d'espace personnel")],
    )
