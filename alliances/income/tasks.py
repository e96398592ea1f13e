"""Long cycle steps run on the task queue, one task per chunk of households or per SEPA file, so several
consumers share a cycle; the cycle page shows their progress. Every task is safe to run twice."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import db_periodic_task, db_task

logger = logging.getLogger(__name__)


@contextmanager
def _recorded(cycle_id: Callable[[], int], step: str, task: Task | None = None) -> Iterator[None]:
    """Whatever fails in a step is raised for the queue; once the queue will not try it again (its
    last retry, or a task without retries), it is recorded on its cycle (shown on the page)."""
    try:
        yield
    except Exception as error:
        from .transitions import cycle_failure_record

        if task is not None and task.retries:
            logger.warning("cycle step failed, to be retried (%s left): %s", task.retries, step)
            raise
        logger.exception("cycle step failed: %s", step)
        cycle_failure_record(cycle_id=cycle_id(), step=step, error=error)
        raise


@db_task()
def cycle_compute_task(cycle_id: int, actor_id: int) -> int:
    """Plans the computation (or what is left of it) and queues one task per chunk."""
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_compute_finish, cycle_compute_plan

    with _recorded(lambda: cycle_id, "Calcul"):
        chunks = cycle_compute_plan(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
        for chunk_id in chunks:
            cycle_compute_chunk_task(chunk_id)
        if not chunks:
            cycle_compute_finish(cycle_id=cycle_id)  # interrupted after its last chunk
    logger.info("cycle %s: %s chunk(s) queued", cycle_id, len(chunks))
    return len(chunks)


@db_task(retries=2, retry_delay=30, context=True)
def cycle_compute_chunk_task(chunk_id: int, task: Task | None = None) -> int:
    from .models import CycleChunk
    from .services import cycle_compute_chunk

    with _recorded(lambda: CycleChunk.objects.values_list("cycle_id", flat=True).get(pk=chunk_id), "Calcul", task):
        cycle_compute_chunk(chunk_id=chunk_id)
    return chunk_id


@db_task()
def cycle_pay_task(cycle_id: int, actor_id: int) -> int:
    """Creates the payments, splits them into SEPA files and queues one task per file."""
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_pay_plan

    with _recorded(lambda: cycle_id, "Paiement"):
        files = cycle_pay_plan(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
        for file_id in files:
            cycle_pay_file_task(file_id)
    logger.info("cycle %s: %s SEPA file(s) queued", cycle_id, len(files))
    return len(files)


@db_task(retries=2, retry_delay=30, context=True)
def cycle_pay_file_task(file_id: int, task: Task | None = None) -> int:
    from .models import SepaFile
    from .services import cycle_pay_file

    with _recorded(lambda: SepaFile.objects.values_list("cycle_id", flat=True).get(pk=file_id), "Paiement", task):
        cycle_pay_file(file_id=file_id)
    payment_notices_task(file_id)
    return file_id


@db_task(retries=2, retry_delay=60)
def payment_notices_task(file_id: int) -> int:
    """Tells the persons of one produced SEPA file's households (safe to run twice: nobody is told twice)."""
    from .notices import payment_notices_for_file

    return payment_notices_for_file(file_id=file_id)


@db_periodic_task(crontab(minute="*"))
def cycles_resume_stalled() -> int:
    """Every minute: a cycle step whose tasks stopped showing signs of life (a consumer killed with its
    task, a task lost) is queued again. It then runs only what is left; every task is safe to run twice."""
    from .transitions import stalled_steps_claim

    stalled = stalled_steps_claim()
    for cycle_id, step, actor_id in stalled:
        logger.warning("cycle %s: step %s showed no sign of life, queued again", cycle_id, step)
        (cycle_compute_task if step == "compute" else cycle_pay_task)(cycle_id, actor_id)
    return len(stalled)
