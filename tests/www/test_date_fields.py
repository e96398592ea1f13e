"""Dates are pre-filled in the format the browser's date picker reads (issue 20: a procedure step was
refused the first time, its date pre-filled as "04/12/2026", which a date field shows as empty)."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliances.rights.services import procedure_start

from ..conftest import World


def test_the_step_date_is_prefilled_so_the_first_try_is_accepted(world: World, client: Client) -> None:
    procedure = procedure_start(actor=world.user("person_self"), person=world.person, benefit="css")
    client.force_login(world.user("person_self"))
    page = client.get(reverse("procedure_detail", args=[procedure.pk])).content.decode()
    field = re.search(r'<input[^>]*type="date"[^>]*name="occurred_on"[^>]*>|<input[^>]*name="occurred_on"[^>]*>', page)
    assert field is not None
    value = re.search(r'value="([^"]*)"', field.group(0))
    assert value is not None and value.group(1) == timezone.localdate().isoformat()
    # Sent back as the browser sends it, the step is accepted the first time.
    response = client.post(
        reverse("procedure_step", args=[procedure.pk]), {"to_state": "to_claim", "occurred_on": value.group(1)}
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.state == "to_claim"


def test_every_date_widget_of_the_site_is_the_iso_one() -> None:
    import importlib
    import pkgutil

    from django import forms

    import alliances.www as www
    from alliances.www.forms import DateInput

    checked = 0
    for module_info in pkgutil.walk_packages(www.__path__, "alliances.www."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                fields: dict[str, forms.Field] = getattr(value, "base_fields", {})
                for name, field in fields.items():
                    if isinstance(field.widget, forms.DateInput) and field.widget.input_type != "month":
                        assert isinstance(field.widget, DateInput), f"{value.__name__}.{name}"
                        checked += 1
    assert checked >= 5
