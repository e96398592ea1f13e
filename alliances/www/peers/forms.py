from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.circles.enums import LinkType
from alliances.core.words import Words
from alliances.mediation.catalogue import catalogue
from alliances.peers.vocabulary import vocabulary
from alliances.www.forms import DateInput, Form


def _multiple(label: Words, choices: list[tuple[str, str]], help_text: Words = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class OfferForm(Form):
    """What a person offers to share as a peer (their own words: "vous")."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        words = vocabulary()
        self.fields["experiences"] = _multiple(
            _("Ce que vous avez vécu et que vous voulez bien partager"),
            words.experience_choices,
            _("Personne ne verra ce que vous ne cochez pas."),
        )
        self.fields["procedures"] = _multiple(
            _("Les démarches que vous savez faire et que vous pourriez montrer"), catalogue().procedure_choices
        )
        self.fields["languages"] = _multiple(_("Les langues que vous parlez"), words.language_choices)
        self.fields["neighbourhood"] = forms.ChoiceField(
            label=_("Votre quartier"),
            choices=[("", _("Je préfère ne pas le dire")), *words.neighbourhood_choices],
            required=False,
        )
        self.fields["availability"] = _multiple(_("Quand vous êtes disponible"), words.availability_choices)
        self.fields["capacity"] = forms.TypedChoiceField(
            label=_("Combien de personnes vous pouvez aider en même temps"),
            choices=[(n, str(n)) for n in range(words.capacity_min, words.capacity_max + 1)],
            coerce=int,
            initial=words.capacity_default,
        )


class WishForm(Form):
    """What the person looks for in a peer. Everything is optional."""

    def __init__(self, *args: object, own: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        words = vocabulary()
        self.fields["experiences"] = _multiple(
            _("Quelqu'un qui a vécu la même chose que vous")
            if own
            else _("Quelqu'un qui a vécu la même chose que la personne"),
            words.experience_choices,
        )
        self.fields["procedures"] = _multiple(
            _("Quelqu'un qui sait faire ces démarches"), catalogue().procedure_choices
        )
        self.fields["languages"] = _multiple(_("Quelqu'un qui parle"), words.language_choices)
        self.fields["neighbourhood"] = forms.ChoiceField(
            label=_("Quelqu'un qui habite près de chez vous") if own else _("Quelqu'un qui habite le même quartier"),
            choices=[("", _("Peu importe")), *words.neighbourhood_choices],
            required=False,
        )
        self.fields["availability"] = _multiple(_("Disponible"), words.availability_choices)


class MutualAidForm(Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(
        label=_("De quoi il s'agissait"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    link_types = forms.MultipleChoiceField(
        label=_("Ce que ce contact a apporté"),
        choices=[
            (LinkType.CONSIDERATION, _("De l'écoute, de la reconnaissance (considération)")),
            (LinkType.CAPACITATION, _("Apprendre à faire soi-même (capacitation)")),
            (LinkType.ADAPTATION, _("Trouver une solution qui vous convient (adaptation)")),
            (LinkType.FACILITATION, _("Un accès plus simple à un droit ou un service (facilitation)")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
