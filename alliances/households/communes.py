"""Known INSEE commune codes, read from OpenFisca-France's own zoning assets (so OpenFisca knows them)."""

import csv
import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def known_communes() -> frozenset[str]:
    assets = resources.files("openfisca_france") / "assets"
    codes: set[str] = set()
    with (assets / "apl" / "20110914_zonage.csv").open(encoding="utf-8") as handle:
        codes.update(row["CODGEO"] for row in csv.DictReader(handle))
    with (assets / "zonage-communes" / "zonage-abc-juillet-2024.csv").open(encoding="utf-8") as handle:
        codes.update(row["CODGEO"] for row in csv.DictReader(handle, delimiter=";"))
    with (assets / "apl" / "commune_depcom_by_subcommune_depcom.json").open(encoding="utf-8") as handle:
        codes.update(json.load(handle))
    return frozenset(code.strip() for code in codes if code.strip())


def is_known_commune(code: str) -> bool:
    return code in known_communes()
