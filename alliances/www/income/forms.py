from django import forms

from alliances.www.forms import Form


class OpenCycleForm(Form):
    month = forms.CharField(label="Mois (AAAA-MM)", max_length=7)


class EnrollmentForm(Form):
    enrolled = forms.BooleanField(label="Inscrit au revenu minimum garanti", required=False)
    iban = forms.CharField(label="IBAN", max_length=42, required=False, help_text="Par exemple FR76 3000 6000 …")
    account_holder = forms.CharField(label="Titulaire du compte", max_length=70, required=False)
