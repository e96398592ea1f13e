"""Issue 19: `make run` serves the demo with DEBUG off (French DSFR error pages, never Django's debug
pages); `DEBUG=1 make run` turns it on for developers. The settings are read in a fresh interpreter."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

VAR = tempfile.gettempdir() + "/alliances-settings-test"
ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.DEBUG, settings.ALLIANCES_REQUIRE_STAFF_OTP, settings.WHITENOISE_USE_FINDERS]))"
)


def _dev(**env: str) -> list[bool]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_DEBUG", "ALLIANCES_REQUIRE_STAFF_OTP"}}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "ALLIANCES_VAR_DIR": VAR,
            **env,
        }
    )
    out = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_demo_runs_with_debug_off_unless_a_developer_asks() -> None:
    assert _dev() == [False, False, True]
    assert _dev(DEBUG="1") == [True, False, True]
    assert _dev(ALLIANCES_REQUIRE_STAFF_OTP="1")[1] is True
