"""Benchmark of the rights engine (issue: access to rights).

Rerun:  .venv/bin/python bench/rights_batch.py                       # 200 + 10,000 households
        .venv/bin/python bench/rights_batch.py --sizes 10000 100000 --workers 2

Prints: warm single-household time, one-by-one vs batch on 200 households (the ratio), and for each
size the wall time and the peak memory (max RSS of every process involved, summed).
"""

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# One thread per process: with several worker processes on 2 cores, more threads only contend.
os.environ.setdefault("NUMEXPR_MAX_THREADS", "1")
os.environ.setdefault("NUMEXPR_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

MONTH = "2026-11"


def _setup() -> None:
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(args: tuple[int, int, int, int]) -> tuple[int, float]:
    """Computes households [start, stop) of the synthetic population; returns (count, own peak MB)."""
    _setup()
    from alliances.rights.engine.simulate import iter_rights
    from bench.synthetic import synthetic_households

    start, stop, _total, chunk = args
    computed = 0
    for first in range(start, stop, chunk):
        # Households are made and consumed chunk by chunk, as a caseload check streams them from the database.
        population = synthetic_households(min(chunk, stop - first), MONTH, start=first)
        for results in iter_rights(population, MONTH, chunk_size=chunk):
            computed += len(results)
    return computed, _peak_mb()


def run_size(size: int, workers: int, chunk: int) -> tuple[float, float]:
    started = time.perf_counter()
    bounds = [(size * k // workers, size * (k + 1) // workers, size, chunk) for k in range(workers)]
    # "spawn": fresh interpreters (a forked child measured twice as slow here, in system time).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        outcomes = list(pool.map(_worker, bounds))
    wall = time.perf_counter() - started
    assert sum(count for count, _ in outcomes) == size
    return wall, sum(peak for _, peak in outcomes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--skip-small", action="store_true", help="skip the single and 200-household figures")
    options = parser.parse_args()
    print(
        f"rights engine benchmark — month {MONTH}, {os.cpu_count()} cores, chunk {options.chunk}, "
        f"workers {options.workers}"
    )
    if not options.skip_small:
        _setup()
        from alliances.rights.engine.simulate import compute_rights
        from alliances.rights.engine.system import tax_benefit_system
        from bench.synthetic import synthetic_households

        started = time.perf_counter()
        tax_benefit_system()
        print(f"tax-benefit system build: {time.perf_counter() - started:.2f} s (once per process)")
        sample = synthetic_households(200, MONTH)
        compute_rights(sample[:1], MONTH)
        singles = []
        for household in sample[:20]:
            started = time.perf_counter()
            compute_rights([household], MONTH)
            singles.append(time.perf_counter() - started)
        print(
            f"one household, warm process: median {statistics.median(singles) * 1000:.0f} ms "
            f"(min {min(singles) * 1000:.0f}, max {max(singles) * 1000:.0f}; 20 households)"
        )
        started = time.perf_counter()
        one_by_one = [compute_rights([h], MONTH)[0] for h in sample]
        loop = time.perf_counter() - started
        started = time.perf_counter()
        batch = compute_rights(sample, MONTH)
        vector = time.perf_counter() - started
        same = all(a.benefits == b.benefits for a, b in zip(one_by_one, batch, strict=True))
        print(
            f"200 households: one simulation each {loop:.1f} s, one vectorised simulation {vector:.2f} s "
            f"→ ratio {loop / vector:.0f}× (identical amounts: {same})"
        )
    for size in options.sizes:
        wall, peak = run_size(size, options.workers, options.chunk)
        print(
            f"{size:,} households: wall {wall:.1f} s, peak memory {peak:.0f} MB "
            f"({options.workers} process{'es' if options.workers > 1 else ''}), {size / wall:,.0f} households/s"
        )


if __name__ == "__main__":
    main()
