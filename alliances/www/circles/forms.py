from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.accounts.enums import PERSON_ROLES, Role
from alliances.accounts.models import User
from alliances.assessments.instruments import Instrument
from alliances.circles.enums import AllyRole, InteractionKind, LinkType, WovenBond
from alliances.circles.models import Ally
from alliances.goals.enums import ActionStatus, DecidedBy, Doer, GoalStatus, ProposedBy
from alliances.www.forms import DateInput, Form
from alliances.www.own_words import to_person


def _date_widget() -> forms.DateInput:
    return DateInput()


DATE_ERRORS = {"invalid": _("Saisissez une date valide, par exemple 02/03/2026.")}
CHOICE_ERRORS = {
    "invalid_choice": _("Choisissez une valeur dans la liste."),
    "required": _("Ce champ est obligatoire."),
}


def _ally_choices(allies: list[Ally]) -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(a.pk), f"{a.user.get_full_name() or a.user.get_username()} ({a.get_role_display()})") for a in allies
    ]


class AllyAddForm(Form):
    user = forms.ModelChoiceField(
        label=_("Qui rejoint le cercle"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _("Choisissez une personne dans la liste."),
            "required": _("Choisissez une personne."),
        },
    )
    role = forms.ChoiceField(
        label=_("Place dans le cercle"),
        choices=[(v, label) for v, label in AllyRole.choices if v != AllyRole.REFERENT],
        error_messages=CHOICE_ERRORS,
    )
    link_types = forms.MultipleChoiceField(
        label=_("Types de liens"), choices=LinkType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = {Role.MEDIATOR, Role.PARTNER, *PERSON_ROLES}
        self.fields["user"].queryset = User.objects.filter(is_active=True, role__in=roles).order_by(
            "last_name", "first_name"
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.get_username()} — {u.get_role_display()}"
        )


class LinkTypesForm(Form):
    link_types = forms.MultipleChoiceField(
        label=_("Types de liens"), choices=LinkType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class HandoverForm(Form):
    successor = forms.ModelChoiceField(
        label=_("Nouveau ou nouvelle référent·e"),
        queryset=User.objects.filter(role=Role.REFERENT, is_active=True).order_by("last_name", "first_name"),
        error_messages={
            "invalid_choice": _("Choisissez un·e référent·e dans la liste."),
            "required": _("Choisissez un·e référent·e."),
        },
    )
    on = forms.DateField(label=_("Date du relais"), error_messages=DATE_ERRORS, widget=_date_widget())
    note = forms.CharField(
        label=_("Note de passage de relais"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que la personne souhaite transmettre, avec son accord."),
        error_messages={"required": _("Écrivez une note de passage de relais.")},
    )

    def __init__(self, *args: Any, current: int | None = None, **kwargs: Any) -> None:
        """`current`: the person's referent now, not offered as her own successor."""
        # Its own ids: the circle page also holds the add-ally form, whose note would share id_note.
        kwargs.setdefault("auto_id", "relais_%s")
        super().__init__(*args, **kwargs)
        if current is not None:
            successor = self.fields["successor"]
            assert isinstance(successor, forms.ModelChoiceField) and successor.queryset is not None
            successor.queryset = successor.queryset.exclude(pk=current)


class GoalForm(Form):
    text = forms.CharField(
        label=_("L'objectif, avec vos mots"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Écrivez l'objectif, avec vos mots.")},
    )
    bond = forms.ChoiceField(
        label=_("Le lien que cet objectif sert"), choices=WovenBond.choices, error_messages=CHOICE_ERRORS
    )


class StaffGoalForm(GoalForm):
    text = forms.CharField(
        label=_("L'objectif, avec les mots de la personne"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Écrivez l'objectif, avec les mots de la personne.")},
    )
    proposed_by = forms.ChoiceField(label=_("Proposé par"), choices=ProposedBy.choices, error_messages=CHOICE_ERRORS)


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("État"), choices=GoalStatus.choices, error_messages=CHOICE_ERRORS)


class ActionForm(Form):
    text = forms.CharField(label=_("Action"), max_length=300, error_messages={"required": _("Écrivez l'action.")})
    doer = forms.ChoiceField(label=_("Qui la fait"), choices=Doer.choices, error_messages=CHOICE_ERRORS)
    ally = forms.ChoiceField(label=_("Avec ou par quel·le allié·e"), required=False, choices=[])
    due_on = forms.DateField(label=_("Pour le"), required=False, error_messages=DATE_ERRORS, widget=_date_widget())
    link_type = forms.ChoiceField(label=_("Type de lien"), choices=LinkType.choices, error_messages=CHOICE_ERRORS)

    def __init__(self, *args: Any, allies: list[Ally], **kwargs: Any) -> None:
        # Its own ids: the goal page also holds the goal's form, whose text would share id_text.
        kwargs.setdefault("auto_id", "action_%s")
        super().__init__(*args, **kwargs)
        self.fields["ally"].choices = _ally_choices(allies)


class ActionStatusForm(Form):
    status = forms.ChoiceField(label=_("État"), choices=ActionStatus.choices, error_messages=CHOICE_ERRORS)


class DelegationForm(Form):
    task = forms.CharField(
        label=_("Ce qui est délégué"), max_length=300, error_messages={"required": _("Écrivez ce qui est délégué.")}
    )
    ally = forms.ChoiceField(label=_("À qui"), choices=[], error_messages=CHOICE_ERRORS)
    decided_by = forms.ChoiceField(label=_("Qui l'a décidé"), choices=DecidedBy.choices, error_messages=CHOICE_ERRORS)
    person_consented = forms.BooleanField(label=_("La personne y consent"), required=False)

    def __init__(self, *args: Any, allies: list[Ally], own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ally"].choices = _ally_choices(allies)
        if own:  # the person delegates herself: she decides and consents, nothing to ask
            self.fields["task"].label = _("Ce que vous confiez")
            self.fields["ally"].label = _("À qui vous le confiez")
            del self.fields["decided_by"], self.fields["person_consented"]


class InteractionForm(Form):
    occurred_on = forms.DateField(label=_("Date"), error_messages=DATE_ERRORS, widget=_date_widget())
    kind = forms.ChoiceField(label=_("Nature"), choices=InteractionKind.choices, error_messages=CHOICE_ERRORS)
    summary = forms.CharField(
        label=_("Ce qui s'est passé"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez en quelques mots ce qui s'est passé.")},
    )
    link_types = forms.MultipleChoiceField(
        label=_("Types de liens"),
        choices=LinkType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choisissez au moins un type de lien."),
            "invalid_choice": _("Choisissez dans la liste."),
        },
    )
    bond = forms.ChoiceField(label=_("Lien servi"), choices=WovenBond.choices, error_messages=CHOICE_ERRORS)
    participants = forms.MultipleChoiceField(
        label=_("Participant·es du cercle"), choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )
    person_took_part = forms.BooleanField(label=_("La personne était présente"), required=False, initial=True)

    def __init__(self, *args: Any, allies: list[Ally], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = _ally_choices(allies)[1:]


def _own_bond_choices() -> list[tuple[str, str]]:
    """Her words for each bond, in the language of the page (a callable: read when the form is shown)."""
    return [("", str(_("Je ne précise pas")))] + [(code, to_person(str(label))) for code, label in WovenBond.choices]


class OwnWordsForm(Form):
    """The person writes in her own journal: a date, her words, and which part of her life if she wants."""

    occurred_on = forms.DateField(label=_("Date"), error_messages=DATE_ERRORS, widget=_date_widget())
    text = forms.CharField(
        label=_("Ce que vous voulez écrire"),
        help_text=_(
            "Ce qui s'est passé, ce que vous en pensez. Les personnes à qui vous partagez le journal le liront."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Écrivez quelques mots."), "max_length": _("Votre texte est trop long.")},
    )
    bond = forms.ChoiceField(
        label=_("De quelle partie de votre vie cela parle ?"),
        choices=_own_bond_choices,
        required=False,
        error_messages=CHOICE_ERRORS,
    )


class PrivateNoteForm(Form):
    text = forms.CharField(
        label=_("Note de travail privée"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vous seul·e la lirez : ni la personne, ni vos collègues, ni l'encadrement."),
        error_messages={"required": _("La note est vide.")},
    )


def reading_fields(
    instrument: Instrument, data: dict[str, Any] | None = None, *, own: bool = False
) -> list[dict[str, Any]]:
    """The questions of a reading form, grouped, with the submitted values (forms are drawn by hand:
    radio rows on a 0–4 scale read better than selects on a phone). `own`: the person fills in their
    own reading, and reads each term in their own words."""
    data = data or {}
    scale = [
        (value, instrument.scale_labels.get(value, str(value)))
        for value in range(instrument.scale_min, instrument.scale_max + 1)
    ]
    if instrument.bonds:
        return [
            {
                "code": bond.code,
                "label": bond.mine if own else bond.label,
                "hint": "" if own else f"Protection : {bond.protection}. Reconnaissance : {bond.recognition}.",
                "items": [
                    {"code": i.code, "label": i.label, "scale": scale, "value": str(data.get(i.code, ""))}
                    for i in bond.indicators
                ],
            }
            for bond in instrument.bonds
        ]
    if instrument.dimensions:
        groups: list[dict[str, Any]] = [
            {
                "code": code,
                "label": label,
                "items": [
                    {
                        "code": d.code,
                        "label": d.label,
                        "prompt": d.prompt,
                        "scale": scale,
                        "value": str(data.get(d.code, "")),
                        "words": data.get(f"words_{d.code}", ""),
                    }
                    for d in instrument.dimensions
                    if d.group == code
                ],
            }
            for code, label in instrument.groups
        ]
        groups.append(
            {
                "code": "factors",
                "label": _("Ce qui change les choses (facteurs)"),
                "items": [
                    {
                        "code": f.code,
                        "label": f.label,
                        "prompt": f.prompt,
                        "scale": [],
                        "words": data.get(f"words_{f.code}", ""),
                    }
                    for f in instrument.factors
                ],
            }
        )
        return groups
    return [
        {
            "code": "level",
            "label": _("Votre place dans les décisions") if own else instrument.title,
            "hint": "",
            "items": [
                {
                    "code": "level",
                    "label": _("La phrase la plus proche de ce que vous vivez") if own else _("Niveau"),
                    "scale": [
                        (lv.level, f"{lv.level}. {lv.mine}" if own else f"{lv.level}. {lv.label} — {lv.description}")
                        for lv in instrument.levels
                    ],
                    "value": str(data.get("level", "")),
                }
            ],
        }
    ]
