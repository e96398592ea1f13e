from django import forms

from alliances.alliance.enums import LinkType
from alliances.mediation.catalogue import catalogue
from alliances.peers.vocabulary import vocabulary
from alliances.www.forms import DateInput, Form


def _multiple(label: str, choices: list[tuple[str, str]], help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class OfferForm(Form):
    """What a person offers to share as a peer (their own words: "vous")."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        words = vocabulary()
        self.fields["experiences"] = _multiple(
            "Ce que vous avez vécu et que vous voulez bien partager",
            words.experience_choices,
            "Personne ne verra ce que vous ne cochez pas.",
        )
        self.fields["procedures"] = _multiple(
            "Les démarches que vous savez faire et que vous pourriez montrer", catalogue().procedure_choices
        )
        self.fields["languages"] = _multiple("Les langues que vous parlez", words.language_choices)
        self.fields["neighbourhood"] = forms.ChoiceField(
            label="Votre quartier",
            choices=[("", "Je préfère ne pas le dire"), *words.neighbourhood_choices],
            required=False,
        )
        self.fields["availability"] = _multiple("Quand vous êtes disponible", words.availability_choices)
        self.fields["capacity"] = forms.TypedChoiceField(
            label="Combien de personnes vous pouvez aider en même temps",
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
            "Quelqu'un qui a vécu la même chose que " + ("vous" if own else "la personne"),
            words.experience_choices,
        )
        self.fields["procedures"] = _multiple("Quelqu'un qui sait faire ces démarches", catalogue().procedure_choices)
        self.fields["languages"] = _multiple("Quelqu'un qui parle", words.language_choices)
        self.fields["neighbourhood"] = forms.ChoiceField(
            label="Quelqu'un qui habite près de chez vous" if own else "Quelqu'un qui habite le même quartier",
            choices=[("", "Peu importe"), *words.neighbourhood_choices],
            required=False,
        )
        self.fields["availability"] = _multiple("Disponible", words.availability_choices)


class MutualAidForm(Form):
    occurred_on = forms.DateField(label="Date", widget=DateInput())
    summary = forms.CharField(label="De quoi il s'agissait", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    link_types = forms.MultipleChoiceField(
        label="Ce que ce contact a apporté",
        choices=[
            (LinkType.CONSIDERATION, "De l'écoute, de la reconnaissance (considération)"),
            (LinkType.CAPACITATION, "Apprendre à faire soi-même (capacitation)"),
            (LinkType.ADAPTATION, "Trouver une solution qui vous convient (adaptation)"),
            (LinkType.FACILITATION, "Un accès plus simple à un droit ou un service (facilitation)"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
