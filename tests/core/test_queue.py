"""Redis unreachable: a task being queued is kept in the database (encrypted), then queued once Redis
answers again; pages say so in French."""

import os
import uuid
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import redis
from django.db import connection
from django.test import Client

from alliances.core.models import DeferredTask
from alliances.core.queue import FallbackRedisHuey, deferred_tasks_flush, kept_during

from ..conftest import World

DONE: list[str] = []


def _redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def queues() -> Iterator[tuple[FallbackRedisHuey, FallbackRedisHuey, Any, Any]]:
    """The same queue twice: while its Redis is unreachable (a closed port), and once it is back."""
    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"No Redis server at {url}: the Redis fallback test is skipped.")
    name = f"alliances-test-{uuid.uuid4().hex[:8]}"
    down = FallbackRedisHuey(name=name, url="redis://127.0.0.1:1/0")
    back = FallbackRedisHuey(name=name, url=url)
    DONE.clear()
    yield down, back, down.task(name="tell")(_tell), back.task(name="tell")(_tell)
    back.flush()


def _tell(to: str, body: str) -> None:
    DONE.append(f"{to}: {body}")


@pytest.mark.django_db
def test_a_task_queued_while_redis_is_unreachable_is_kept_then_runs_once_it_is_back(queues) -> None:  # type: ignore[no-untyped-def]
    _, back, tell, _ = queues

    result, kept = kept_during(lambda: tell("camille@example.org", "Votre code : 123456"))
    assert (result, kept) == (None, True)
    row = DeferredTask.objects.get()
    assert row.name == "tell"
    with connection.cursor() as cursor:  # its arguments are personal: never in clear in the database
        cursor.execute("SELECT message FROM core_deferredtask")
        stored = cursor.fetchone()[0]
    assert "camille" not in stored and "123456" not in stored

    assert DONE == []
    assert deferred_tasks_flush(huey=back) == 1
    assert DeferredTask.objects.count() == 0
    assert deferred_tasks_flush(huey=back) == 0  # queued once
    task = back.dequeue()
    assert task is not None
    back.execute(task)
    assert DONE == ["camille@example.org: Votre code : 123456"]
    assert back.pending_count() == 0


@pytest.mark.django_db
def test_with_redis_answering_nothing_is_kept(queues) -> None:  # type: ignore[no-untyped-def]
    _, back, _, tell = queues
    _, kept = kept_during(lambda: tell("a", "b"))
    assert not kept and DeferredTask.objects.count() == 0 and back.pending_count() == 1


@pytest.mark.django_db
def test_a_flush_that_cannot_reach_redis_keeps_every_task(queues) -> None:  # type: ignore[no-untyped-def]
    down, _, tell, _ = queues
    tell("a", "b")
    with pytest.raises(redis.exceptions.ConnectionError):
        deferred_tasks_flush(huey=down)
    assert DeferredTask.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # work is queued once the page's transaction commits
def test_a_page_whose_work_was_kept_says_it_will_be_done(world: World, client: Client) -> None:
    from alliances.core.queue import deferred_task_keep
    from alliances.income.models import Cycle

    officer = world.user("officer")
    cycle = Cycle.objects.create(month="2026-10-01")
    client.force_login(officer)

    def redis_down(*args: object) -> None:
        deferred_task_keep(b"message", None, "alliances.income.tasks.cycle_compute_task")

    with mock.patch("alliances.income.tasks.cycle_compute_task", side_effect=redis_down):
        page = client.post(f"/revenu-garanti/cycles/{cycle.pk}/calculer/", follow=True).content.decode()
    assert "momentanément indisponible" in page and "sera traitée dès son retour" in page
    assert DeferredTask.objects.count() == 1


def test_a_page_that_needs_redis_to_answer_says_so_in_french_and_does_nothing(world: World, client: Client) -> None:
    from alliances.accounts.models import User

    before = User.objects.count()
    with mock.patch("django.core.cache.cache.add", side_effect=redis.exceptions.ConnectionError("refused")):
        response = client.post("/compte/mot-de-passe/", {"email": world.user("person_self").email})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Service momentanément indisponible" in page and "Réessayez dans quelques minutes" in page
    assert "Traceback" not in page and User.objects.count() == before
