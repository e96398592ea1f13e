"""Long cycle steps run on the task queue; the page shows their progress."""

import logging

from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


@db_task()
def cycle_compute_task(cycle_id: int, actor_id: int) -> int:
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_compute

    cycle = cycle_compute(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
    logger.info("cycle %s computed: %s households", cycle.pk, cycle.total_households)
    return cycle.total_households


@db_task()
def cycle_pay_task(cycle_id: int, actor_id: int) -> int:
    from alliances.accounts.models import User

    from .models import Cycle
    from .services import cycle_pay

    cycle = cycle_pay(actor=User.objects.get(pk=actor_id), cycle=Cycle.objects.get(pk=cycle_id))
    logger.info("cycle %s paid", cycle.pk)
    return cycle.pk
