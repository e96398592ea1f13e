import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.persons.enums import RequestTopic
from alliances.www.forms import Form
from alliances.www.person_file.forms import IdentityForm


class ContactForm(Form):
    """What a person changes themself: how to be called and reached."""

    preferred_name = copy.deepcopy(IdentityForm.base_fields["preferred_name"])
    preferred_name.help_text = _("Le prénom par lequel vous voulez qu'on vous appelle.")
    email = IdentityForm.base_fields["email"]
    phone = IdentityForm.base_fields["phone"]
    address = IdentityForm.base_fields["address"]
    languages = IdentityForm.base_fields["languages"]
    accessibility_needs = IdentityForm.base_fields["accessibility_needs"]
    preferred_channel = IdentityForm.base_fields["preferred_channel"]
    findable = forms.BooleanField(
        label=_("Les personnes qui me connaissent peuvent me trouver par mon nom, pour m'ajouter à leur cercle"),
        help_text=_("Elles voient seulement votre prénom et votre nom. Vous pouvez changer d'avis."),
        required=False,
    )


class CorrectionForm(Form):
    """She says that an item of her file is wrong, and what is right."""

    topic = forms.ChoiceField(
        label=_("Où est l'erreur ?"),
        choices=[("", _("Choisissez dans la liste"))]
        + [(code, label) for code, label in RequestTopic.choices if code != RequestTopic.REFERENT],
        error_messages={"required": _("Choisissez ce qui est faux."), "invalid_choice": _("Choisissez dans la liste.")},
    )
    text = forms.CharField(
        label=_("Ce qui est faux, et ce qui est juste"),
        help_text=_("Par exemple : « Ma date de naissance est le 12/03/1985, pas le 21/03/1985. »"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Écrivez ce qui est faux et ce qui est juste."),
            "max_length": _("Votre texte est trop long."),
        },
    )


class HandoverAskForm(Form):
    """She asks for another referent: the change itself is a handover her referent records."""

    prefix = "relais"  # beside the correction form on one page: no repeated id

    text = forms.CharField(
        label=_("Pourquoi souhaitez-vous changer ?"),
        help_text=_("Quelques mots suffisent. Vous n'avez pas à vous justifier."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Écrivez en quelques mots ce que vous souhaitez."),
            "max_length": _("Votre texte est trop long."),
        },
    )
