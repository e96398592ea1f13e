import logging

import pytest
from huey.contrib.djhuey import HUEY

from alliances.rights import tasks


def test_each_worker_builds_the_openfisca_system_when_it_starts(caplog: pytest.LogCaptureFixture) -> None:
    assert HUEY._startup["build_tax_benefit_system"] is tasks.build_tax_benefit_system
    with caplog.at_level(logging.INFO, logger="alliances.rights.tasks"):
        tasks.build_tax_benefit_system()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1 and messages[0].startswith("worker ready: OpenFisca system built and warmed up in")


def test_each_worker_warms_up_with_a_small_simulation_of_this_month(monkeypatch: pytest.MonkeyPatch) -> None:
    import time_machine

    from alliances.rights.engine import simulate

    months: list[str] = []
    monkeypatch.setattr(simulate, "warm_up", months.append)
    with time_machine.travel("2027-03-15 10:00 +01:00", tick=False):
        tasks.build_tax_benefit_system()
    assert months == ["2027-03"]


def test_the_warm_up_computes_rights_for_made_up_households() -> None:
    from alliances.rights.engine import simulate

    tenant, hosted = simulate.warm_up("2026-11")
    assert tenant["rsa"] > 0 and tenant["aide_logement"] > 0  # no income, a rent: the simulation really ran
    assert hosted["aide_logement"] == 0
