"""The production queue: huey on a real Redis server, when one is reachable (127.0.0.1:6379 here and in CI)."""

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from huey import RedisHuey


def _redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_huey() -> Iterator[RedisHuey]:
    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"No Redis server at {url}: the Redis queue test is skipped.")
    queue = RedisHuey(name=f"alliances-test-{uuid.uuid4().hex[:8]}", url=url)
    yield queue
    queue.flush()


def test_a_task_travels_through_redis_and_runs_once(redis_huey: RedisHuey) -> None:
    @redis_huey.task()
    def add(a: int, b: int) -> int:
        return a + b

    result = add(2, 3)
    assert redis_huey.pending_count() == 1
    task = redis_huey.dequeue()
    assert task is not None
    redis_huey.execute(task)
    assert result.get() == 5
    assert redis_huey.pending_count() == 0
