"""Building OpenFisca's tax-benefit system when a process starts, never in a request."""

import logging
import os
import time

logger = logging.getLogger(__name__)


def warm_web_process() -> None:
    """The system (~5 s, ~130 MB) and the commune list, built before the first request. Skipped with
    ALLIANCES_SKIP_WARM_UP=1 (management commands that import the WSGI application for other reasons)."""
    if os.environ.get("ALLIANCES_SKIP_WARM_UP") == "1":
        return
    from alliances.households.communes import is_known_commune

    from .engine.system import tax_benefit_system

    began = time.perf_counter()
    tax_benefit_system()
    is_known_commune("75056")
    logger.info("web process ready: OpenFisca system built in %.1f s", time.perf_counter() - began)
