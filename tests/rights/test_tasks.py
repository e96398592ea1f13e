import logging

import pytest
from huey.contrib.djhuey import HUEY

from alliances.rights import tasks


def test_each_worker_builds_the_openfisca_system_when_it_starts(caplog: pytest.LogCaptureFixture) -> None:
    assert HUEY._startup["build_tax_benefit_system"] is tasks.build_tax_benefit_system
    with caplog.at_level(logging.INFO, logger="alliances.rights.tasks"):
        tasks.build_tax_benefit_system()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1 and messages[0].startswith("worker ready: OpenFisca system built in")
