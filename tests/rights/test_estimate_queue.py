"""Issue 15, item 5: estimates are never computed in a page or API request. Pages and the API show the
last estimate, queue a recomputation when one rule (freshness.py) says it is out of date, and show its
progress; the queue computes it."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from alliances.audit.models import AuditEvent
from alliances.households.models import Housing, Member, MonthlyIncome
from alliances.rights import services
from alliances.rights.models import EstimateRequest, RightsEstimate
from alliances.rights.services import checks, estimates

from ..conftest import World

Capture = Callable[..., Any]


@pytest.fixture
def no_engine_in_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenFisca may run only from the queued task (on commit), never while a page is rendered."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("OpenFisca computed inside a request")

    for module in (estimates, checks):
        monkeypatch.setattr(module, "compute_rights", refuse)


def _page(client: Client, world: World) -> str:
    return client.get(f"/personnes/{world.person.pk}/droits/").content.decode()


def test_the_first_visit_queues_the_estimate_shows_progress_then_the_result(
    world: World, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        html = _page(client, world)
    assert "Calcul des estimations en cours" in html and 'hx-trigger="every 2s"' in html
    assert len(queued) == 1 and EstimateRequest.objects.count() == 1
    assert not RightsEstimate.objects.exists()
    for callback in queued:
        callback()  # the consumer
    request = EstimateRequest.objects.get()
    assert request.finished_at is not None and request.error == ""
    html = _page(client, world)
    assert "573,49" in html and "Calcul des estimations" not in html
    assert EstimateRequest.objects.count() == 1  # current: nothing queued again


def test_no_page_visit_computes_even_when_the_data_change(
    world: World, client: Client, django_capture_on_commit_callbacks: Capture, no_engine_in_request: None
) -> None:
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=False):
        _page(client, world)
        client.get("/mon-espace/droits/")
        client.get(f"/api/persons/{world.person.pk}/rights")
    assert EstimateRequest.objects.count() == 1


@pytest.fixture
def computed(world: World, django_capture_on_commit_callbacks: Capture) -> RightsEstimate:
    with django_capture_on_commit_callbacks(execute=True):
        services.rights_estimate_request(
            actor=world.user("referent_of"),
            household=world.household,
            month=timezone.localdate().replace(day=1),
        )
    return RightsEstimate.objects.get()


def test_an_estimate_of_yesterday_on_unchanged_data_is_still_current(
    world: World, client: Client, computed: RightsEstimate, django_capture_on_commit_callbacks: Capture
) -> None:
    RightsEstimate.objects.update(computed_at=timezone.now() - timedelta(days=3))
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        html = _page(client, world)
    assert queued == [] and "573,49" in html


def test_a_change_of_income_makes_it_stale_the_old_one_shows_meanwhile(
    world: World, client: Client, computed: RightsEstimate, django_capture_on_commit_callbacks: Capture
) -> None:
    member = Member.objects.get(person=world.person)
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=last_month, amount=Decimal(900))
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        html = _page(client, world)
    assert len(queued) == 1
    assert "573,49" in html and "avant les derniers changements" in html and "Calcul des estimations à jour" in html
    assert RightsEstimate.objects.get().benefits["rsa"] != 573.49  # computed by the queue afterwards


def test_a_new_engine_version_makes_it_stale(
    world: World, computed: RightsEstimate, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliances.rights import freshness

    assert not freshness.estimate_is_stale(computed, inputs_version=household_version(world))
    freshness.engine_version.cache_clear()
    monkeypatch.setattr(freshness, "ENGINE_FORMAT", "next")
    try:
        assert freshness.estimate_is_stale(computed, inputs_version=household_version(world))
    finally:
        freshness.engine_version.cache_clear()


def household_version(world: World) -> int:
    world.household.refresh_from_db()
    return world.household.inputs_version


def test_recalculer_queues_once_even_when_current_and_redirects(
    world: World, client: Client, computed: RightsEstimate, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(world.user("person_self"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.post("/mon-espace/droits/")
        client.post("/mon-espace/droits/")  # a double click: one request in progress
    assert first.status_code == 302 and first["Location"] == "/mon-espace/droits/"
    assert len(queued) == 1 and EstimateRequest.objects.filter(finished_at__isnull=True).count() == 1


def test_the_progress_fragment_polls_then_reloads_and_records_nothing(
    world: World, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _page(client, world)
    events = AuditEvent.objects.count()
    url = f"/personnes/{world.person.pk}/droits/calcul/"
    polling = client.get(url)
    assert 'hx-trigger="every 2s"' in polling.content.decode() and "HX-Refresh" not in polling
    assert AuditEvent.objects.count() == events  # no personal data shown: no audit event per poll
    for callback in queued:
        callback()
    done = client.get(url)
    assert done["HX-Refresh"] == "true" and "every 2s" not in done.content.decode()
    client.force_login(world.user("referent_other"))
    assert client.get(url).status_code == 404


def test_a_failed_computation_is_said_and_not_repeated_on_each_visit(
    world: World, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    Housing.objects.filter(household=world.household).update(commune_code="99999")
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=True):
        _page(client, world)
    with django_capture_on_commit_callbacks(execute=True) as again:
        html = _page(client, world)
    assert again == []
    assert "Le dernier calcul n'a pas abouti" in html and "99999" in html


def test_the_api_uses_the_same_rule_and_queues(
    world: World, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(f"/api/persons/{world.person.pk}/rights").json()
    assert first["computing"] is True and first["benefits"] == {} and first["stale"] is True
    second = client.get(f"/api/persons/{world.person.pk}/rights").json()
    assert second["computing"] is False and second["stale"] is False and second["benefits"]["rsa"] == 573.49
    assert date.fromisoformat(second["month"] + "-01") == timezone.localdate().replace(day=1)
