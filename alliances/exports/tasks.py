"""Exports are built on the queue, never in a page request; their ZIPs are deleted once past their date."""

import logging
from collections.abc import Callable

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

logger = logging.getLogger(__name__)


def _build(kind: str, export_id: int, build: Callable[..., object], failed: Callable[..., None]) -> int:
    """Builds one export; a failure marks it failed (the page says so) and is raised for the queue."""
    try:
        build(export_id=export_id)
    except Exception:
        logger.exception("%s export %s failed", kind, export_id)
        failed(export_id=export_id)
        raise
    return export_id


@db_task(retries=1, retry_delay=30)
def data_export_task(export_id: int) -> int:
    from .services import data_export_build, data_export_failed

    return _build("data", export_id, data_export_build, data_export_failed)


@db_task(retries=1, retry_delay=30)
def research_export_task(export_id: int) -> int:
    from .research import research_export_build, research_export_failed

    return _build("research", export_id, research_export_build, research_export_failed)


@db_periodic_task(crontab(hour="3", minute="30"))
def data_exports_purge_task() -> int:
    from .services import data_exports_purge

    return data_exports_purge()
