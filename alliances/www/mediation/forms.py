from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.circles.enums import LinkType
from alliances.core.words import Words
from alliances.mediation.catalogue import catalogue
from alliances.mediation.enums import MandateDuration
from alliances.www.forms import DateInput, Form

WHERE_YOU_ARE = _("Où vous en êtes")


def level_field(label: Words = WHERE_YOU_ARE) -> forms.ChoiceField:
    known = catalogue()
    return forms.ChoiceField(
        label=label,
        choices=[(lv.code, f"{lv.label} — {lv.explain}") for lv in known.levels],
        widget=forms.RadioSelect,
    )


class ConfirmLevelForm(Form):
    def __init__(self, *args: object, prefix_id: int = 0, **kwargs: object) -> None:
        super().__init__(*args, prefix=f"niveau-{prefix_id}", **kwargs)
        self.fields["level"] = level_field(_("Pour vous, cette fois-là, c'était"))


class SessionForm(Form):
    """A mediation session: with whom, when, how long, where, which procedures and how far."""

    def __init__(self, *args: object, persons: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        known = catalogue()
        self.fields["persons"] = forms.TypedMultipleChoiceField(
            label=_("Avec qui"),
            help_text="Plusieurs personnes pour une séance collective. Seules les personnes qui vous ont partagé "
            "leurs démarches apparaissent.",
            choices=persons,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["occurred_on"] = forms.DateField(label=_("Date"), widget=DateInput())
        self.fields["duration_minutes"] = forms.IntegerField(label=_("Durée en minutes"), min_value=1, max_value=600)
        self.fields["place"] = forms.CharField(label=_("Lieu"), max_length=200)
        self.fields["link_types"] = forms.MultipleChoiceField(
            label=_("Ce que la séance a apporté"),
            choices=[
                (LinkType.CAPACITATION, _("Capacitation : la personne apprend à faire elle-même")),
                (LinkType.FACILITATION, _("Facilitation : l'accès au droit ou au service est rendu plus simple")),
            ],
            widget=forms.CheckboxSelectMultiple,
        )
        for index in (1, 2, 3):
            self.fields[f"procedure_{index}"] = forms.ChoiceField(
                label=f"Démarche {index}",
                choices=[("", "—"), *known.procedure_choices],
                required=index == 1,
            )
            self.fields[f"level_{index}"] = forms.ChoiceField(
                label=f"Niveau atteint (démarche {index})",
                choices=[("", "—"), *[(lv.code, lv.staff_label) for lv in known.levels]],
                required=index == 1,
            )
        self.fields["note"] = forms.CharField(
            label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
        )

    def worked_rows(self) -> list[tuple[str, str]]:
        rows = []
        for index in (1, 2, 3):
            code, level = self.cleaned_data.get(f"procedure_{index}"), self.cleaned_data.get(f"level_{index}")
            if code or level:
                rows.append((code or "", level or ""))
        return rows


class MandateForm(Form):
    def __init__(self, *args: object, holders: list[tuple[int, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if holders is not None:
            self.fields["holder"] = forms.TypedChoiceField(
                label=_("À qui vous donnez ce mandat"), choices=holders, coerce=int
            )
        self.fields["themes"] = forms.MultipleChoiceField(
            label=_("Pour quels domaines"), choices=catalogue().theme_choices, widget=forms.CheckboxSelectMultiple
        )
        self.fields["duration"] = forms.ChoiceField(
            label=_("Pour combien de temps"), choices=MandateDuration.choices, widget=forms.RadioSelect
        )


class MandateActForm(Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure_code"] = forms.ChoiceField(
            label=_("Démarche"), choices=[("", "—"), *catalogue().procedure_choices]
        )
        self.fields["what"] = forms.CharField(label=_("Ce que vous avez fait pour la personne"), max_length=300)
