"""Benchmark of the guaranteed-income cycle computation (issue: the guaranteed income).

Rerun:  .venv/bin/python bench/rmg_cycle.py --sizes 100000              # top-ups + SEPA file
        .venv/bin/python bench/rmg_cycle.py --sizes 100000 --entitled   # + rights engine (resources = entitled)
        .venv/bin/python bench/rmg_cycle.py --sizes 1000000 --no-sepa   # memory stays flat in chunks

Households are made, computed and turned into SEPA transactions chunk by chunk (in memory: the database
steps are measured separately by the test suite's timings, not here).
"""

import argparse
import os
import resource
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

MONTH = date(2026, 11, 1)


def main() -> None:
    import django

    django.setup()
    from alliances.income.engine.rules import default_values, rules_for
    from alliances.income.engine.top_up import compute_top_up
    from alliances.income.sepa import build_transfer_file
    from alliances.rights.engine.simulate import iter_rights
    from bench.synthetic import synthetic_households

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100000])
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--entitled", action="store_true")
    parser.add_argument("--no-sepa", action="store_true")
    options = parser.parse_args()
    rules = rules_for(default_values(), MONTH)
    if options.entitled:
        rules = rules.with_changes(resources_mode="entitled")
    print(
        f"guaranteed-income cycle benchmark — {MONTH:%Y-%m}, chunk {options.chunk}, "
        f"resources {rules.resources_mode}, SEPA {'off' if options.no_sepa else 'on'}"
    )
    for size in options.sizes:
        started = time.perf_counter()
        paid = 0
        total = 0
        payments: list[dict[str, object]] = []
        rss_after_first_chunk = 0.0
        for first in range(0, size, options.chunk):
            chunk = [
                replace(h, commune="35238", enrolled=True)
                for h in synthetic_households(min(options.chunk, size - first), "2026-11", start=first)
            ]
            entitled: list[dict[str, float] | None] = [None] * len(chunk)
            if options.entitled:
                entitled = [
                    r.benefits for results in iter_rights(chunk, "2026-11", chunk_size=options.chunk) for r in results
                ]
            for household, benefits in zip(chunk, entitled, strict=True):
                top_up = compute_top_up(household, MONTH, rules, benefits)
                if top_up.paid:
                    paid += 1
                    total += int(top_up.top_up * 100)
                    if not options.no_sepa:
                        payments.append(
                            {
                                "name": f"Foyer {household.id}",
                                "iban": "FR7630006000011234567890189",
                                "bic": "AGRIFRPP",
                                "amount": top_up.top_up,
                                "end_to_end_id": f"RMG202611{first:07d}{len(payments):06d}",
                                "description": "Revenu minimum garanti 11/2026",
                            }
                        )
            if first == 0:
                rss_after_first_chunk = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        computed = time.perf_counter() - started
        sepa_time = 0.0
        if payments:
            from django.conf import settings

            started_sepa = time.perf_counter()
            per_file = settings.RMG_SEPA_MAX_TRANSFERS
            files = count = 0
            control = Decimal(0)
            for start in range(0, len(payments), per_file):
                _xml, batch_count, batch_sum = build_transfer_file(
                    payments[start : start + per_file], execution_date=date(2026, 11, 5), message_id=f"BENCH-{files}"
                )
                files, count, control = files + 1, count + batch_count, control + batch_sum
            sepa_time = time.perf_counter() - started_sepa
            assert count == paid
            print(
                f"  SEPA: {files} files of at most {per_file:,} transfers, {count:,} transfers, control sum "
                f"{control:,.2f} €, each validated against pain.001.001.03"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:,} households: top-ups {computed:.1f} s + SEPA {sepa_time:.1f} s = "
            f"{computed + sepa_time:.1f} s wall, {paid:,} paid, {total / 100:,.2f} €; peak memory {peak:.0f} MB "
            f"(after the first chunk {rss_after_first_chunk:.0f} MB)"
        )


if __name__ == "__main__":
    main()
