"""The pseudonymised research export at city scale: a year of activity of the city of bench/load_city.py.

Rerun (after bench/load_city.py, which leaves its city in the database `alliances_load`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/research_export.py --year 2025

A share of the persons agree to research use (drawn with a fixed seed); the export is built as the queue
builds it, in this process, and timed; then the agreements are removed again.
"""

import argparse
import base64
import io
import os
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--share", type=float, default=0.6, help="share of the persons who agree (default 0.6)")
    options = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    keys = [Path(tempfile.gettempdir()) / f"alliances_load.{name}" for name in ("secret", "fernet")]
    if not server.startswith("postgres") or not all(key.exists() for key in keys):
        sys.exit("Run bench/load_city.py first, and set DATABASE_URL=postgres://… as for it.")
    os.environ.update(
        DATABASE_URL=urlunsplit(urlsplit(server)._replace(path="/alliances_load")),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=keys[0].read_text(encoding="utf-8"),
        ALLIANCES_ENCRYPTION_KEYS=keys[1].read_text(encoding="utf-8"),
        REDIS_URL="redis://127.0.0.1:6379/13",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="alliances.notifications.sms.HttpSmsBackend",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from alliances.accounts.models import User
    from alliances.consent.models import ResearchConsent
    from alliances.exports.models import ResearchExport
    from alliances.exports.research import research_export_build
    from alliances.persons.models import Person

    call_command("migrate", verbosity=0)
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(2026).sample(ids, int(len(ids) * options.share))
    now = timezone.now()
    ResearchConsent.objects.all().delete()
    ResearchConsent.objects.bulk_create(
        [ResearchConsent(person_id=pk, granted_at=now) for pk in chosen], batch_size=5000
    )
    manager = User.objects.get(email="cadre@alliances.test")
    export = ResearchExport.objects.create(year=options.year, requested_by=manager)
    try:
        began = time.perf_counter()
        export = research_export_build(export_id=export.pk)
        elapsed = time.perf_counter() - began
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(export.content)))
        rows = {
            name: archive.read(name).decode().count("\n") - 1 for name in archive.namelist() if name.endswith(".csv")
        }
        print(
            f"research export of {options.year}: {export.persons:,} of {len(ids):,} persons agree; built in "
            f"{elapsed:.1f} s, ZIP {export.size / 1e6:.1f} MB, peak memory "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        print("  rows: " + ", ".join(f"{name[:-4]} {count:,}" for name, count in rows.items()))
    finally:
        ResearchConsent.objects.all().delete()
        ResearchExport.objects.filter(pk=export.pk).delete()


if __name__ == "__main__":
    main()
