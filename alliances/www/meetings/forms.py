"""Forms of the meeting pages. Phone first: few fields, large targets, plain French."""

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alliances.mediation.catalogue import catalogue
from alliances.meetings.enums import MeetingStatus, PlaceKind, ReminderChannel, Rhythm
from alliances.meetings.models import Meeting, Office
from alliances.meetings.services import OptionIn
from alliances.meetings.slots import Slot
from alliances.www.forms import DateInput, Form

DURATIONS = [("30", _("30 minutes")), ("45", _("45 minutes")), ("60", _("1 heure")), ("90", _("1 heure 30"))]
WEEKDAYS = [("0", "lundi"), ("1", "mardi"), ("2", "mercredi"), ("3", "jeudi"), ("4", "vendredi"), ("5", "samedi")]
CHOICE_ERRORS = {
    "invalid_choice": _("Choisissez une valeur dans la liste."),
    "required": _("Ce champ est obligatoire."),
}
DATE_ERRORS = {
    "invalid": _("Saisissez une date valide, par exemple 02/03/2026."),
    "required": _("Choisissez une date."),
}
TIME_ERRORS = {"invalid": _("Saisissez une heure valide, par exemple 14:30."), "required": _("Choisissez une heure.")}


def slot_label(start: datetime, end: datetime) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return _("%(day)s, de %(start)s à %(end)s") % {
        "day": date_format(start, str(_("l j F"))),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def _slot_value(start: datetime) -> str:
    return timezone.localtime(start).strftime("%Y-%m-%dT%H:%M")


def _date() -> forms.DateInput:
    return DateInput()


def _time() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ProposalForm(Form):
    """One or more slots (free ones ticked, or another date) and one place for all of them."""

    slots = forms.MultipleChoiceField(
        label=_("Créneaux libres"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        error_messages={"invalid_choice": _("Ce créneau n'est plus libre : choisissez-en un autre.")},
    )
    other_on = forms.DateField(label=_("Autre date"), required=False, widget=_date(), error_messages=DATE_ERRORS)
    other_at = forms.TimeField(label=_("Heure"), required=False, widget=_time(), error_messages=TIME_ERRORS)
    duration = forms.ChoiceField(label=_("Durée"), choices=DURATIONS, initial="60", error_messages=CHOICE_ERRORS)
    outside = forms.BooleanField(
        label=_("Cette autre date est en dehors des créneaux ouverts : je la propose quand même"),
        required=False,
        help_text=_("L'autre côté devra confirmer qu'il ou elle est d'accord."),
    )
    place_kind = forms.ChoiceField(
        label=_("Où ?"), choices=PlaceKind.choices, widget=forms.RadioSelect, error_messages=CHOICE_ERRORS
    )
    office = forms.ModelChoiceField(
        label=_("Quel accueil du CCAS ?"),
        queryset=Office.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Lieu inconnu : choisissez un accueil dans la liste.")},
    )
    place_text = forms.CharField(
        label=_("Quel lieu ?"),
        max_length=200,
        required=False,
        help_text=_("Un café, un parc, une association… le lieu où vous êtes à l'aise."),
    )

    def __init__(self, *args: Any, free: list[Slot], with_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [(_slot_value(start), slot_label(start, end)) for start, end in free]
        self.fields["office"].queryset = Office.objects.filter(active=True)
        self.fields["office"].label_from_instance = lambda o: f"{o.name} — {o.address}"
        if with_reason:
            self.fields["reason"] = forms.CharField(
                label=_("Pourquoi ?"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Votre référent·e le verra. Vous n'êtes pas obligé·e de le dire."),
            )
        self._free = dict(free)

    def days(self) -> list[dict[str, Any]]:
        """The free slots grouped by day, for the page (one collapsible group per day)."""
        checked = set(self["slots"].value() or [])
        days: dict[str, dict[str, Any]] = {}
        for start, end in self._free.items():
            start, end = timezone.localtime(start), timezone.localtime(end)
            day = days.setdefault(
                start.date().isoformat(),
                {"label": date_format(start, str(_("l j F"))), "slots": [], "key": f"{start:%Y%m%d}"},
            )
            value = _slot_value(start)
            day["slots"].append(
                {
                    "value": value,
                    "id": f"creneau-{start:%Y%m%d-%H%M}",
                    "label": _("de %(start)s à %(end)s") % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
                    "checked": value in checked,
                }
            )
        return list(days.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("other_on")) != bool(data.get("other_at")):
            self.add_error("other_at", _("Pour une autre date, donnez le jour et l'heure."))
        if not data.get("slots") and not data.get("other_on") and not self.errors:
            self.add_error("slots", _("Choisissez au moins un créneau, ou donnez une autre date."))
        return data

    def options(self) -> list[OptionIn]:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        length = timedelta(minutes=int(data["duration"]))
        place = {
            "place_kind": data["place_kind"],
            "office_id": data["office"].pk if data.get("office") else None,
            "place_text": data.get("place_text", ""),
        }
        chosen: list[OptionIn] = []
        for value in data.get("slots", []):
            start = datetime.fromisoformat(value).replace(tzinfo=zone)
            chosen.append(OptionIn(starts_at=start, ends_at=self._free.get(start, start + length), **place))
        if data.get("other_on") and data.get("other_at"):
            start = datetime.combine(data["other_on"], data["other_at"], tzinfo=zone)
            chosen.append(
                OptionIn(starts_at=start, ends_at=start + length, outside_availability=data["outside"], **place)
            )
        return chosen


class AcceptForm(Form):
    option = forms.TypedChoiceField(
        label=_("Le créneau qui vous convient"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": _("Choisissez un des créneaux proposés."), **CHOICE_ERRORS},
    )
    confirm_outside = forms.BooleanField(
        label=_("J'accepte ce créneau même s'il est en dehors des créneaux ouverts"), required=False
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = list(meeting.options.all())
        self.fields["option"].choices = [(o.pk, f"{slot_label(o.starts_at, o.ends_at)} — {_place(o)}") for o in options]
        if not any(o.outside_availability for o in options):
            del self.fields["confirm_outside"]


def _place(option: Any) -> str:
    if option.place_kind == PlaceKind.OFFICE and option.office is not None:
        return f"{option.office.name}, {option.office.address}"
    if option.place_kind == PlaceKind.CHOSEN:
        return str(option.place_text)
    return str(option.get_place_kind_display())


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Pourquoi ?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(Form):
    outcome = forms.ChoiceField(
        label=_("Le rendez-vous a-t-il eu lieu ?"),
        choices=[(MeetingStatus.HELD, _("Oui, tenu")), (MeetingStatus.MISSED, _("Non, manqué"))],
        error_messages=CHOICE_ERRORS,
    )


class RhythmForm(Form):
    rhythm = forms.ChoiceField(label=_("Rythme convenu"), choices=Rhythm.choices, error_messages=CHOICE_ERRORS)


class ReminderForm(Form):
    channel = forms.ChoiceField(
        label=_("Comment voulez-vous qu'on vous rappelle vos rendez-vous ?"),
        choices=ReminderChannel.choices,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique, si vous choisissez le courriel"),
        required=False,
        error_messages={"invalid": _("Cette adresse n'est pas valide. Par exemple : prenom.nom@exemple.fr")},
    )
    phone = forms.CharField(
        label=_("Votre numéro de téléphone, si vous choisissez le SMS"), required=False, max_length=20
    )

    def __init__(self, *args: Any, person: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered only when missing: a contact already on file is changed in "Mes coordonnées".
        if person is not None and person.email:
            del self.fields["email"]
        if person is not None and person.phone:
            del self.fields["phone"]


class AvailabilityForm(Form):
    kind = forms.ChoiceField(
        label=_("Type de créneau"),
        choices=[("weekly", _("Chaque semaine")), ("once", _("Une seule fois"))],
        widget=forms.RadioSelect,
        initial="weekly",
        error_messages=CHOICE_ERRORS,
    )
    weekday = forms.ChoiceField(label=_("Jour (chaque semaine)"), choices=WEEKDAYS, required=False)
    on = forms.DateField(label=_("Date (une seule fois)"), required=False, widget=_date(), error_messages=DATE_ERRORS)
    starts = forms.TimeField(label=_("De"), widget=_time(), error_messages=TIME_ERRORS)
    ends = forms.TimeField(label="À", widget=_time(), error_messages=TIME_ERRORS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "once" and not data.get("on"):
            self.add_error("on", _("Choisissez la date de ce créneau."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        once = data["kind"] == "once"
        return {
            "starts": data["starts"],
            "ends": data["ends"],
            "weekday": None if once else int(data.get("weekday") or 0),
            "on": data["on"] if once else None,
        }


class AbsenceForm(Form):
    starts_on = forms.DateField(label=_("Du"), widget=_date(), error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Au (inclus)"), widget=_date(), error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class WorkshopForm(Form):
    title = forms.CharField(label=_("Titre"), max_length=150)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("Date"), widget=_date(), error_messages=DATE_ERRORS)
    starts = forms.TimeField(label=_("De"), widget=_time(), error_messages=TIME_ERRORS)
    ends = forms.TimeField(label="À", widget=_time(), error_messages=TIME_ERRORS)
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        min_value=1,
        max_value=200,
        error_messages={"invalid": _("Saisissez un nombre."), "min_value": _("Il faut au moins une place.")},
    )
    office = forms.ModelChoiceField(label=_("Accueil du CCAS"), queryset=Office.objects.none(), required=False)
    place_text = forms.CharField(label=_("Ou autre lieu"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(active=True)
        known = catalogue()
        self.fields["theme"] = forms.ChoiceField(
            label=_("Thème"), choices=[("", _("Aucun en particulier")), *known.theme_choices], required=False
        )
        self.fields["procedure_code"] = forms.ChoiceField(
            label=_("Démarche travaillée"),
            choices=[("", _("Aucune en particulier")), *known.procedure_choices],
            required=False,
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": datetime.combine(data["on"], data["starts"], tzinfo=zone),
            "ends_at": datetime.combine(data["on"], data["ends"], tzinfo=zone),
            "capacity": data["capacity"],
            "office": data["office"],
            "place_text": data["place_text"],
            "theme": data.get("theme", ""),
            "procedure_code": data.get("procedure_code", ""),
        }
