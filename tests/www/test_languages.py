"""Issue 20: person-facing pages in French (by default), English and Arabic (right to left); staff pages
stay French. Every person-facing template is translated, every catalog entry has its translation, and
the compiled catalogs are those of the sources."""

import gettext
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from alliances.accounts.enums import Language
from alliances.accounts.models import User

from .untranslated import untranslated

LOCALE = Path(settings.LOCALE_PATHS[0])
TEMPLATES = Path(settings.TEMPLATES[0]["DIRS"][0])  # type: ignore[index]  # Django types TEMPLATES loosely
#: Pages a person reads before logging in.
ANONYMOUS = ["login", "password_reset", "password_reset_sms", "password_reset_done"]
#: Persons of the demo whose space is crawled: the person, a peer, a relative who is an ally.
PERSONS = ["personne@alliances.test", "pair@alliances.test", "proche@alliances.test"]


def _language_of(html: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([a-z]+)" dir="(rtl|ltr)"', html)
    assert found is not None
    return found.group(1), found.group(2)


def test_a_person_chooses_her_language_in_her_space_and_keeps_it(world) -> None:  # type: ignore[no-untyped-def]
    user = world.user("person_self")
    client = Client()
    client.force_login(user)
    assert _language_of(client.get(reverse("portal:home")).content.decode()) == ("fr", "ltr")
    response = client.post(reverse("language_set"), {"language": "ar", "next": reverse("portal:meetings")})
    assert response.status_code == 302 and response["Location"] == reverse("portal:meetings")
    user.refresh_from_db()
    assert user.language == Language.AR
    page = client.get(reverse("portal:home"))
    assert _language_of(page.content.decode()) == ("ar", "rtl")
    assert page["Content-Language"] == "ar"
    assert "مساحتي" in page.content.decode() or "Mon espace" not in page.content.decode()
    client.post(reverse("language_set"), {"language": "en", "next": "/"})
    assert _language_of(client.get(reverse("portal:home")).content.decode()) == ("en", "ltr")


def test_an_unknown_language_or_a_foreign_address_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    user = world.user("person_self")
    client = Client()
    client.force_login(user)
    response = client.post(reverse("language_set"), {"language": "xx", "next": "https://ailleurs.example/"})
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert user.language == Language.FR


def test_staff_pages_stay_french_whatever_the_browser_or_the_cookie_says(world) -> None:  # type: ignore[no-untyped-def]
    worker = world.user("referent_of")
    client = Client(HTTP_ACCEPT_LANGUAGE="ar,en;q=0.9")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    client.force_login(worker)
    client.post(reverse("language_set"), {"language": "ar", "next": "/"})
    worker.refresh_from_db()
    assert worker.language == Language.FR
    page = client.get(reverse("caseload"))
    assert _language_of(page.content.decode()) == ("fr", "ltr")
    assert type(page["Content-Language"]) is str  # a WSGI server refuses any other type (an enum member)


def test_before_login_the_choice_is_kept_in_a_cookie_and_the_browser_is_not_read(db: None) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert _language_of(client.get(reverse("login")).content.decode()) == ("fr", "ltr")
    response = client.post(reverse("language_set"), {"language": "en", "next": reverse("login")})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("login")).content.decode()
    assert _language_of(page) == ("en", "ltr")
    assert "Se connecter" not in page.split('id="contenu"')[1]


def _person_facing_templates() -> set[str]:
    """Every template her pages and the pages before login render (found by rendering them)."""
    used: set[str] = set()

    def record(sender: object, template: object, **kwargs: object) -> None:
        used.add(f"{getattr(template, 'name', '')}")

    template_rendered.connect(record, weak=False, dispatch_uid="languages-test")
    try:
        call_command("demo_seed", verbosity=0)
        anonymous = Client()
        for name in ANONYMOUS:
            anonymous.get(reverse(name))
        anonymous.get("/page-qui-n-existe-pas/")
        for email in PERSONS:  # her space, two links deep
            client = Client()
            client.force_login(User.objects.get(email=email))
            seen: set[str] = set()
            todo = [reverse("portal:home")]
            for _depth in range(3):
                found: set[str] = set()
                for url in todo:
                    seen.add(url)
                    page = client.get(url)
                    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                        found |= set(re.findall(r'href="(/mon-espace/[^"#?]*)"', page.content.decode()))
                todo = sorted(found - seen)
    finally:
        template_rendered.disconnect(dispatch_uid="languages-test")
    names = {"".join(list(name)) for name in used if name}
    return {name for name in names if TEMPLATES.joinpath(name).is_file()}


def test_no_person_facing_template_has_an_untranslated_string(db: None) -> None:
    templates = _person_facing_templates()
    assert len(templates) >= 35, sorted(templates)
    left = {name: untranslated((TEMPLATES / name).read_text(encoding="utf-8")) for name in sorted(templates)}
    assert not {name: words for name, words in left.items() if words}


def test_the_template_check_finds_words_outside_translation_tags() -> None:
    source = (
        '{% load i18n %}<p title="Un titre">{% translate "Bonjour" %} tout le monde</p>'
        '<a href="{% url "home" %}" aria-label="{{ x }} — nouvelle fenêtre">{{ x }}</a>'
        "{% blocktranslate %}Déjà traduit{% endblocktranslate %}<script>var a = 'texte';</script>"
    )
    assert untranslated(source) == ['title="Un titre"', "tout le monde", 'aria-label=" — nouvelle fenêtre"']


class Entry(NamedTuple):
    msgid: str
    msgstr: str  # the singular form, or the only one
    fuzzy: bool
    plural: str = ""  # msgid_plural
    forms: tuple[str, ...] = ()  # msgstr[0], msgstr[1]…


def _po_entries(path: Path) -> list[Entry]:
    """The entries of a .po file, with their plural forms."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d\]) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = ""
                line = match.group(2)
            fields[current] += line[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        if fields.get("msgid"):
            forms = tuple(value for key, value in sorted(fields.items()) if key.startswith("msgstr["))
            singular = fields.get("msgstr", forms[0] if forms else "")
            entries.append(Entry(fields["msgid"], singular, fuzzy, fields.get("msgid_plural", ""), forms))
    return entries


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_word_has_its_translation_and_the_compiled_catalog_is_current(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = _po_entries(po)
    assert len(entries) > 1000
    missing = [e.msgid for e in entries if e.fuzzy or not e.msgstr or (e.plural and not all(e.forms))]
    assert not missing, f"{len(missing)} sans traduction, dont : {missing[:10]}"
    for e in entries:
        if e.plural:  # a form may leave the number out ("one free place"), never add a value
            names = set(re.findall(r"%\(\w+\)s", e.msgid + e.plural))
            assert all(set(re.findall(r"%\(\w+\)s", form)) <= names for form in e.forms), e.msgid
            assert any(set(re.findall(r"%\(\w+\)s", form)) == names for form in e.forms), e.msgid
        else:
            assert sorted(re.findall(r"%\(\w+\)s", e.msgid)) == sorted(re.findall(r"%\(\w+\)s", e.msgstr)), e.msgid
    with (po.with_suffix(".mo")).open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    one = 1 if language == "ar" else 0  # the form said for "1" (Arabic has a zero form first)
    stale = [
        e.msgid
        for e in entries
        if (
            catalog.ngettext(e.msgid, e.plural, 1) != e.forms[one] if e.plural else catalog.gettext(e.msgid) != e.msgstr
        )
    ]
    assert not stale, f"make messages : {len(stale)} traductions ne sont pas compilées, dont {stale[:5]}"


def test_the_data_files_words_are_extracted_for_translation() -> None:
    from alliances.core.data_i18n import ROOT, data_strings_source

    assert (ROOT / "core" / "data_strings.py").read_text(encoding="utf-8") == data_strings_source(), "make messages"


def test_a_moment_is_said_in_her_language_not_with_a_french_word_in_a_date_format() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation

    from alliances.www.templatetags.alliances_format import day_at

    moment = datetime(2026, 12, 5, 18, 12, tzinfo=ZoneInfo("Europe/Paris"))
    with translation.override("fr"):
        assert day_at(moment) == "5 décembre 2026 à 18:12"
    with translation.override("en"):
        assert day_at(moment) == "5 December 2026 at 18:12"
        assert day_at(moment, "d/m/Y") == "05/12/2026 at 18:12"
    assert day_at(None) == ""


def test_a_moment_in_a_template_is_said_at_the_local_time(settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from django.template import Context, Template

    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime(2026, 12, 5, 17, 12, tzinfo=UTC)
    said = Template('{% load alliances_format %}{{ moment|day_at:"j F Y" }}').render(Context({"moment": moment}))
    assert said == "5 décembre 2026 à 18:12"
