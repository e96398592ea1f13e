"""Adds the dated management rule `opening_delay_months` (rules/defaults.json): a month's cycle opens once
its resources can be known."""

import importlib

from django.db import migrations

_defaults = importlib.import_module("alliances.income.migrations.0002_default_rules")


class Migration(migrations.Migration):
    dependencies = [("income", "0007_encrypt_ibans_and_sepa_files")]
    operations = [migrations.RunPython(_defaults.load, migrations.RunPython.noop)]
