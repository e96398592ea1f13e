"""The forms with which the person chooses her allies (find, invite) and the invited accept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.www.forms import Form


class AllyFindForm(Form):
    q = forms.CharField(
        label=_("Son nom ou son prénom"),
        help_text=_("Seules les personnes qui ont accepté d'être trouvées apparaissent."),
        max_length=100,
        error_messages={"required": _("Écrivez un nom ou un prénom.")},
    )


class AllyChooseForm(Form):
    note = forms.CharField(
        label=_("Qui est-ce pour vous ?"),
        help_text=_("Par exemple : ma sœur, une amie, une bénévole."),
        max_length=100,
        required=False,
    )


class InvitationForm(Form):
    name = forms.CharField(
        label=_("Son prénom"),
        max_length=100,
        error_messages={"required": _("Écrivez le prénom de la personne que vous invitez.")},
    )
    note = forms.CharField(
        label=_("Qui est-ce pour vous ?"),
        help_text=_("Par exemple : ma sœur, un voisin, une association."),
        max_length=100,
        required=False,
    )
    email = forms.CharField(
        label=_("Son adresse électronique"),
        help_text=_("Ou son numéro de téléphone, plus bas. Format attendu : nom@exemple.fr"),
        max_length=254,
        required=False,
    )
    phone = forms.CharField(
        label=_("Son numéro de téléphone portable"),
        help_text=_("Elle ou il recevra un SMS. Format attendu : 06 12 34 56 78"),
        max_length=20,
        required=False,
    )


class InvitationAcceptForm(Form):
    first_name = forms.CharField(
        label=_("Votre prénom"), max_length=150, error_messages={"required": _("Écrivez votre prénom.")}
    )
    last_name = forms.CharField(
        label=_("Votre nom"), max_length=150, error_messages={"required": _("Écrivez votre nom.")}
    )
    password = forms.CharField(
        label=_("Choisissez un mot de passe"),
        help_text=_("8 caractères au moins. Une phrase que vous retenez facilement convient."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choisissez un mot de passe.")},
    )
