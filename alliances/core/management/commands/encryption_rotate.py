"""Re-encrypts every encrypted value with the first key of ALLIANCES_ENCRYPTION_KEYS (values already
encrypted with it in the current format are left as they are: running it twice rewrites nothing).

Rotation: put the new key first (keep the old ones after it), run this command, then remove the old
keys. Values written before encryption was enabled are encrypted too. Rows are rewritten in SQL by
primary key: no history version and no audit event (the data does not change, only its encryption).
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from alliances.core.encryption import encrypted_fields, rotated


class Command(BaseCommand):
    help = "Chiffre à nouveau toutes les données chiffrées avec la première clé de ALLIANCES_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        quote = connection.ops.quote_name
        total = 0
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            columns = ", ".join(quote(f.column) for f in fields)
            done = 0
            last: Any = None
            while True:
                with transaction.atomic(), connection.cursor() as cursor:
                    where = "" if last is None else f" WHERE {pk} > %s"
                    cursor.execute(
                        f"SELECT {pk}, {columns} FROM {table}{where} ORDER BY {pk} LIMIT 1000",  # noqa: S608
                        [] if last is None else [last],
                    )
                    rows = cursor.fetchall()
                    for key, *values in rows:
                        new = [rotated(value) if isinstance(value, str) else None for value in values]
                        assignments = [(f, v) for f, v in zip(fields, new, strict=True) if v is not None]
                        if assignments:
                            sets = ", ".join(f"{quote(f.column)} = %s" for f, _ in assignments)
                            cursor.execute(
                                f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608
                                [v for _, v in assignments] + [key],
                            )
                            done += 1
                if not rows:
                    break
                last = rows[-1][0]
            total += done
            self.stdout.write(f"{model._meta.label} : {done} lignes chiffrées à nouveau.")
        self.stdout.write(f"Terminé : {total} lignes.")
