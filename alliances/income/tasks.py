"""Long cycle steps run on the task queue, one task per chunk of households or per SEPA file, so several
consumers share a cycle; the cycle page shows their progress. Every task is safe to run twice."""

import logging

from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


@db_task()
def cycle_compute_task(cycle_id: int, actor_id: int) -> int:
    """Plans the computation (or what is left of it) and queues one task per chunk."""
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_compute_finish, cycle_compute_plan

    chunks = cycle_compute_plan(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
    for chunk_id in chunks:
        cycle_compute_chunk_task(chunk_id)
    if not chunks:
        cycle_compute_finish(cycle_id=cycle_id)  # interrupted after its last chunk
    logger.info("cycle %s: %s chunk(s) queued", cycle_id, len(chunks))
    return len(chunks)


@db_task(retries=2, retry_delay=30)
def cycle_compute_chunk_task(chunk_id: int) -> int:
    from .services import cycle_compute_chunk

    cycle_compute_chunk(chunk_id=chunk_id)
    return chunk_id


@db_task()
def cycle_pay_task(cycle_id: int, actor_id: int) -> int:
    """Creates the payments, splits them into SEPA files and queues one task per file."""
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_pay_plan

    files = cycle_pay_plan(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
    for file_id in files:
        cycle_pay_file_task(file_id)
    logger.info("cycle %s: %s SEPA file(s) queued", cycle_id, len(files))
    return len(files)


@db_task(retries=2, retry_delay=30)
def cycle_pay_file_task(file_id: int) -> int:
    from .services import cycle_pay_file

    cycle_pay_file(file_id=file_id)
    return file_id
