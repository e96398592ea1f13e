"""The messages the platform sends, said in the person's language (alliances/core/sentences.py).

Callers write each message in French, as `notify` keeps it. Every shape they write is listed here,
marked for translation; her messages page and the email or SMS sent say it in the language she chose
(tests/notifications/test_said.py checks each caller's message has its shape)."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import override

from alliances.core.sentences import Converter, month_said, said_in_language, words_said
from alliances.persons.models import Person

MESSAGES = (
    # rights/services.py
    _("Votre démarche « %(benefit)s » avance : %(state)s."),
    # alliance/choices.py, alliance/services.py
    _("%(name)s a accepté votre invitation et fait partie de votre cercle."),
    _("%(name)s fait maintenant partie de votre cercle (%(role)s)."),
    _("%(name)s ne fait plus partie de votre cercle."),
    # meetings/services/proposals.py
    _("Votre rendez-vous du %(day)s à %(time)s est convenu."),
    _("Une autre date vous est proposée pour votre rendez-vous. Vous pouvez choisir."),
    _("Votre rendez-vous est déplacé. De nouvelles dates vous sont proposées."),
    _("Un rendez-vous prévu avec vous est annulé. Vous pouvez en proposer un autre."),
    # meetings/workshops.py
    _("Votre atelier « %(title)s » est publié. Merci !"),
    # peers/services.py
    _("%(name)s aimerait être en lien avec vous pour de l'entraide. Vous pouvez accepter ou non."),
    _("Votre référent·e vous propose de rencontrer %(name)s, une personne pair. Vous pouvez accepter ou non."),
    _("C'est d'accord des deux côtés : vous êtes en lien avec %(name)s."),
    # persons/file_requests.py
    _("Votre demande est en cours."),
    _("Votre demande est faite."),
    _("Votre demande n'est pas retenue. La réponse explique pourquoi."),
    # mediation/services/
    _("Une séance sur vos démarches a été notée. Vous pouvez dire si c'est juste."),
    _("%(name)s vous propose un mandat pour faire des démarches pour vous. Rien ne se fera sans votre accord."),
    _("Votre mandat %(reference)s est en place jusqu'au %(day)s. Vous pouvez y mettre fin à tout moment."),
    _("%(name)s a agi pour vous sous votre mandat : %(procedure)s."),
    _("Votre mandat %(reference)s se termine le %(day)s. Pour le prolonger, il faudra de nouveau votre accord."),
    # income/notices.py
    _(
        "Votre revenu garanti %(month)s est versé : %(amount)s, le %(day)s. L'argent arrive sur votre "
        "compte sous 1 à 3 jours."
    ),
)
#: Words a message quotes from elsewhere: labels of the enums and the catalogue, a month.
CONVERTERS: dict[str, Converter] = {
    "benefit": words_said,
    "state": lambda value: words_said(value[:1].upper() + value[1:]).lower(),
    "role": lambda value: words_said(value[:1].upper() + value[1:]).lower(),
    "procedure": words_said,
    "month": month_said,
}


def message_said(text: str) -> str:
    """A message, in the active language (as written, in French or when its shape is unknown)."""
    return said_in_language(text, MESSAGES, CONVERTERS)


def language_of(person: Person) -> str:
    """The language the person chose for her pages and messages (French without an account)."""
    account = person.account
    return str(account.language) if account is not None else "fr"


def said_to(person: Person, text: str) -> str:
    """A message as it is sent to the person: in her language."""
    with override(language_of(person)):
        return message_said(text)
