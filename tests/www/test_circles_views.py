"""The alliance pages, through the web: the person writes goals and readings from the portal."""

from django.test import Client
from django.urls import reverse

from alliances.assessments.models import Reading
from alliances.circles.models import Ally, Handover
from alliances.goals.models import Delegation, Goal

from ..conftest import World


def _login(client: Client, world: World, name: str) -> None:
    client.force_login(world.user(name))


def test_the_person_writes_edits_and_closes_a_goal_from_the_portal(world: World, client: Client) -> None:
    _login(client, world, "person_self")
    response = client.post(
        reverse("goal_new", args=[world.person.pk]),
        {"text": "Reprendre contact avec mon frère", "bond": "family_friends"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:plan")
    goal = Goal.objects.get()
    assert (goal.proposed_by, goal.created_by) == ("person", world.user("person_self"))
    page = client.get(reverse("portal:plan"))
    assert "Reprendre contact avec mon frère" in page.content.decode()
    client.post(
        reverse("goal_action_new", args=[goal.pk]),
        {"text": "Lui écrire une carte", "doer": "person", "link_type": "consideration"},
    )
    assert goal.actions.get().text == "Lui écrire une carte"
    edit = client.post(
        reverse("goal_edit", args=[goal.pk]),
        {"text": "Revoir mon frère à Noël", "bond": "family_friends", "status": "reached"},
    )
    assert edit.status_code == 302
    goal.refresh_from_db()
    assert (goal.text, goal.status) == ("Revoir mon frère à Noël", "reached")


def test_a_goal_without_text_gets_a_french_message_and_nothing_is_saved(world: World, client: Client) -> None:
    _login(client, world, "person_self")
    response = client.post(reverse("goal_new", args=[world.person.pk]), {"text": "", "bond": "work"})
    assert response.status_code == 400
    assert "Écrivez l&#x27;objectif, avec vos mots." in response.content.decode()
    assert not Goal.objects.exists()


def test_the_person_fills_in_a_reading_and_sees_both_side_by_side(world: World, client: Client) -> None:
    _login(client, world, "referent_of")
    client.post(
        reverse("reading_new", args=[world.person.pk, "social_bonds"]),
        {"family_crisis_call": "1", "activity": "0", "papers_valid": "1", "loneliness": "4"},
    )
    _login(client, world, "person_self")
    form = client.get(reverse("reading_new", args=[world.person.pk, "social_bonds"]))
    assert "Il y a quelqu&#x27;un dans ma famille" in form.content.decode()
    assert 'name="together"' not in form.content.decode()  # only a worker enters a reading "together"
    client.post(reverse("reading_new", args=[world.person.pk, "social_bonds"]), {"family_crisis_call": "4"})
    assert sorted(Reading.objects.values_list("side", flat=True)) == ["person", "worker"]
    page = client.get(reverse("portal:bonds")).content.decode()
    assert 'class="alliances-radar"' in page
    assert "Votre lecture" in page and "Lecture de votre référent·e" in page  # her page says "vous"
    assert "Plusieurs liens fragiles" in page  # the referent's reading finds three bonds low
    assert "Votre famille" in page and "participation organique" not in page
    client.force_login(world.user("referent_of"))
    staff = client.get(reverse("person_bonds", args=[world.person.pk])).content.decode()
    assert "Lecture de la personne" in staff and "Rupture cumulative" in staff


def test_a_reading_out_of_scale_is_refused_in_french(world: World, client: Client) -> None:
    _login(client, world, "person_self")
    response = client.post(reverse("reading_new", args=[world.person.pk, "social_bonds"]), {"activity": "7"})
    assert response.status_code == 400
    assert "choisissez une valeur de 0 à 4" in response.content.decode()
    assert not Reading.objects.exists()


def test_an_unknown_instrument_is_a_404(world: World, client: Client) -> None:
    _login(client, world, "person_self")
    assert client.get(reverse("reading_new", args=[world.person.pk, "horoscope"])).status_code == 404


def test_ladder_reading_shows_its_band(world: World, client: Client) -> None:
    _login(client, world, "person_self")
    client.post(reverse("reading_new", args=[world.person.pk, "participation_ladder"]), {"level": "8"})
    page = client.get(reverse("portal:bonds")).content.decode()
    assert "8. Je choisis ce que je fais, et à quel rythme." in page and "Niveaux 7 à 10 : je décide" in page
    assert 'class="alliances-line"' in page


def test_the_circle_picture_has_a_text_alternative(world: World, client: Client) -> None:
    Ally.objects.filter(person=world.person, user=world.user("mediator_shared")).update(link_types=["capacitation"])
    _login(client, world, "person_self")
    page = client.get(reverse("portal:circle")).content.decode()
    assert 'role="img"' in page and "<desc" in page
    assert "liens : apprendre à faire par vous-même (capacitation)" in page
    assert 'stroke="#18753c"' in page  # capacitation's colour


def test_handover_from_the_file_and_the_former_referent_is_sent_back(world: World, client: Client) -> None:
    _login(client, world, "referent_of")
    response = client.post(
        reverse("person_handover", args=[world.person.pk]),
        {"successor": world.user("referent_other").pk, "on": "2026-11-02", "note": "Je change de secteur."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("caseload")
    assert Handover.objects.count() == 1
    assert client.get(reverse("person_circle", args=[world.person.pk])).status_code == 404


def test_a_handover_without_a_note_changes_nothing(world: World, client: Client) -> None:
    _login(client, world, "referent_of")
    response = client.post(
        reverse("person_handover", args=[world.person.pk]),
        {"successor": world.user("referent_other").pk, "on": "2026-11-02", "note": ""},
    )
    assert response.status_code == 400
    assert "Écrivez une note de passage de relais." in response.content.decode()
    assert not Handover.objects.exists()


def test_the_handover_list_does_not_offer_the_referent_herself(world: World, client: Client) -> None:
    _login(client, world, "referent_of")
    page = client.get(reverse("person_circle", args=[world.person.pk])).content.decode()
    handover = page.split('id="relais_successor"')[1].split("</select>")[0]
    assert f'value="{world.user("referent_other").pk}"' in handover
    assert f'value="{world.user("referent_of").pk}"' not in handover


def test_adding_the_same_ally_twice_from_the_file_is_refused(world: World, client: Client) -> None:
    _login(client, world, "referent_of")
    response = client.post(
        reverse("person_ally_add", args=[world.person.pk]),
        {"user": world.user("partner_ally").pk, "role": "partner"},
    )
    assert response.status_code == 400
    assert "Cette personne fait déjà partie du cercle." in response.content.decode()


def test_the_person_takes_a_delegation_back(world: World, client: Client) -> None:
    mediator = Ally.objects.get(person=world.person, user=world.user("mediator_shared"))
    _login(client, world, "person_self")
    client.post(
        reverse("delegation_new", args=[world.person.pk]),
        {"task": "Déclaration trimestrielle CAF", "ally": mediator.pk, "decided_by": "person"},
    )
    delegation = Delegation.objects.get()
    assert delegation.chosen
    page = client.get(reverse("portal:plan")).content.decode()
    assert "c'est vous qui l'avez choisi" in page and "Reprendre cette tâche" in page
    client.post(reverse("delegation_end", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.revoked_on is not None


def test_private_note_is_shown_to_its_author_only_in_the_journal(world: World, client: Client) -> None:
    _login(client, world, "mediator_unshared")
    client.post(reverse("private_note_new", args=[world.person.pk]), {"text": "Rappeler jeudi 77"})
    page = client.get(reverse("person_journal", args=[world.person.pk])).content.decode()
    assert "Rappeler jeudi 77" in page
    assert "Ajouter un échange" not in page  # the journal itself is not shared with this mediator
    for name in ("person_self", "referent_of", "mediator_shared"):
        _login(client, world, name)
        assert "Rappeler jeudi 77" not in client.get(reverse("person_journal", args=[world.person.pk])).content.decode()


def test_svg_numbers_keep_a_dot_under_the_french_locale(world: World, client: Client) -> None:
    import re

    _login(client, world, "person_self")
    client.post(reverse("reading_new", args=[world.person.pk, "social_bonds"]), {"activity": "3", "papers_valid": "1"})
    client.post(reverse("reading_new", args=[world.person.pk, "participation_ladder"]), {"level": "6"})
    for url in (reverse("portal:bonds"), reverse("portal:circle")):
        page = client.get(url).content.decode()
        assert not re.search(r'\b(x|y|x1|y1|x2|y2|cx|cy|r|height|width)="-?\d+,\d', page), url
        assert not re.search(r'points="[^"]*\d,\d+,', page), url
