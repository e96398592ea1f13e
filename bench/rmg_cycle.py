"""Benchmark of the guaranteed-income cycle computation (issue: the guaranteed income).

Rerun:  .venv/bin/python bench/rmg_cycle.py --sizes 100000                          # top-ups + SEPA files
        .venv/bin/python bench/rmg_cycle.py --sizes 100000 --entitled --workers 2   # + rights engine
        .venv/bin/python bench/rmg_cycle.py --sizes 1000000 --no-sepa               # flat memory, a million

Households are made, computed and turned into SEPA transfers chunk by chunk, in memory (the database
steps are not in these figures). With --entitled, resources count the benefits due: the rights engine
runs for the households whose top-up they can change (not for those whose own incomes already reach
their guaranteed level). Each worker process writes its own SEPA files (at most RMG_SEPA_MAX_TRANSFERS
transfers each, each validated against pain.001.001.03).
"""

import argparse
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("NUMEXPR_MAX_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

MONTH = date(2026, 11, 1)


class _Filer:
    """The transfers waiting for a SEPA file, written by full files (the rest at the end), and the time it took."""

    def __init__(self, size: int, build: Callable[..., object], prefix: str) -> None:
        self.size, self.build, self.prefix = size, build, prefix
        self.pending: list[dict[str, object]] = []
        self.files = 0
        self.seconds = 0.0

    def flush(self, final: bool) -> None:
        while len(self.pending) >= self.size or (final and self.pending):
            began = time.perf_counter()
            self.build(
                self.pending[: self.size], execution_date=date(2026, 11, 5), message_id=f"{self.prefix}-{self.files}"
            )
            self.seconds += time.perf_counter() - began
            self.pending = self.pending[self.size :]
            self.files += 1


def _worker(args: tuple[int, int, int, bool, bool]) -> dict[str, float]:
    import django

    django.setup()
    from django.conf import settings

    from alliances.income.engine.rules import default_values, rules_for
    from alliances.income.engine.top_up import compute_top_up
    from alliances.income.inputs import entitled_benefits
    from alliances.income.sepa import build_transfer_file
    from bench.synthetic import synthetic_households

    start, stop, chunk, entitled_mode, with_sepa = args
    rules = rules_for(default_values(), MONTH)
    if entitled_mode:
        rules = rules.with_changes(resources_mode="entitled")
    paid = skipped = 0
    total = Decimal(0)
    filer = _Filer(settings.RMG_SEPA_MAX_TRANSFERS, build_transfer_file, prefix=f"B{start}")

    for first in range(start, stop, chunk):
        households = [
            replace(h, commune="35238", enrolled=True)
            for h in synthetic_households(min(chunk, stop - first), "2026-11", start=first)
        ]
        benefits: list[dict[str, float] | None] = [None] * len(households)
        if entitled_mode:
            benefits = entitled_benefits(households, MONTH, [rules])
            skipped += sum(1 for b in benefits if b == {})
        for household, due in zip(households, benefits, strict=True):
            top_up = compute_top_up(household, MONTH, rules, due)
            if top_up.paid:
                paid += 1
                total += top_up.top_up
                if with_sepa:
                    filer.pending.append(
                        {
                            "name": f"Foyer {household.id}",
                            "iban": "FR7630006000011234567890189",
                            "bic": "AGRIFRPP",
                            "amount": top_up.top_up,
                            "end_to_end_id": f"RMG{household.id}",
                            "description": "RMG 11/2026",
                        }
                    )
        if with_sepa:
            filer.flush(final=False)
    if with_sepa:
        filer.flush(final=True)
    return {
        "paid": paid,
        "total": float(total),
        "skipped": skipped,
        "files": filer.files,
        "sepa": filer.seconds,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100000])
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--entitled", action="store_true")
    parser.add_argument("--no-sepa", action="store_true")
    options = parser.parse_args()
    print(
        f"guaranteed-income cycle benchmark — {MONTH:%Y-%m}, chunk {options.chunk}, workers {options.workers}, "
        f"resources {'entitled' if options.entitled else 'declared'}, SEPA {'off' if options.no_sepa else 'on'}"
    )
    for size in options.sizes:
        started = time.perf_counter()
        bounds = [
            (
                size * k // options.workers,
                size * (k + 1) // options.workers,
                options.chunk,
                options.entitled,
                not options.no_sepa,
            )
            for k in range(options.workers)
        ]
        with ProcessPoolExecutor(max_workers=options.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            outcomes = list(pool.map(_worker, bounds))
        wall = time.perf_counter() - started
        paid = sum(int(o["paid"]) for o in outcomes)
        skipped = sum(int(o["skipped"]) for o in outcomes)
        print(
            f"{size:,} households: wall {wall:.1f} s, {paid:,} paid ({sum(o['total'] for o in outcomes):,.2f} €), "
            f"{sum(int(o['files']) for o in outcomes)} SEPA files (SEPA time {max(o['sepa'] for o in outcomes):.1f} s "
            f"per worker), rights engine skipped for {skipped:,}; peak memory "
            f"{sum(o['peak'] for o in outcomes):.0f} MB ({options.workers} process"
            f"{'es' if options.workers > 1 else ''})"
        )


if __name__ == "__main__":
    main()
