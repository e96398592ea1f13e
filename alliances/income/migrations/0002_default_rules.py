"""Loads the default scheme rules (rules/defaults.json) as dated values, each with its source."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from alliances.income.engine.rules import default_values

    SchemeRule = apps.get_model("income", "SchemeRule")
    for value in default_values():
        SchemeRule.objects.get_or_create(
            name=value.name, valid_from=value.valid_from, defaults={"value": value.value, "source": value.source}
        )


class Migration(migrations.Migration):
    dependencies = [("income", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
