"""Benchmark of peer matching: the top 5 candidates, with their reasons, among 20,000 peer profiles.

Rerun (a throw-away SQLite database in a temporary folder; or PostgreSQL with DATABASE_URL set, on a
database it creates and drops, `alliances_bench_peers`):
    .venv/bin/python bench/peer_matching.py [--profiles 20000] [--requests 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/peer_matching.py

It writes `--profiles` opted-in profiles (random lived experiences, procedures, languages, neighbourhood,
times, capacity, and open matches for a third of them), then asks `--requests` random wishes of one to
five criteria and times `candidates_rank` (what the candidates page and the API call: the ranking query
and the reasons), after 20 warm-up requests. It prints the median, p95 and maximum time, and the SQL
queries per request. Goal (issue 16): p95 ≤ 100 ms.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import throwaway_database  # noqa: E402

if TYPE_CHECKING:
    from alliances.persons.models import Person


def populate(count: int, rng: random.Random) -> "Person":
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from alliances.mediation.catalogue import catalogue
    from alliances.peers.models import PeerProfile, PeerTag
    from alliances.peers.services import tags_of
    from alliances.peers.vocabulary import vocabulary
    from alliances.persons.models import Person

    words = vocabulary()
    procedures = [p.code for p in catalogue().procedures]
    now = timezone.now()
    with transaction.atomic():
        persons = Person.objects.bulk_create(
            [
                Person(last_name=f"Pair{i}", first_names=rng.choice(["Samia", "Auguste", "Élodie", "Abdou"]),
                       birth_date=date(1970 + i % 40, 1 + i % 12, 1 + i % 28))
                for i in range(count + 1)
            ],
            batch_size=2000,
        )  # fmt: skip
        profiles = []
        for person in persons[1:]:
            capacity = rng.randint(1, 5)
            profiles.append(
                PeerProfile(
                    person=person,
                    experiences=rng.sample([t.code for t in words.experiences], rng.randint(1, 3)),
                    procedures=rng.sample(procedures, rng.randint(0, 3)),
                    languages=["fr", *rng.sample([t.code for t in words.languages[1:]], rng.randint(0, 2))],
                    neighbourhood=rng.choice([t.code for t in words.neighbourhoods]),
                    availability=rng.sample([t.code for t in words.availability], rng.randint(1, 2)),
                    capacity=capacity,
                    open_matches=rng.randint(0, capacity) if rng.random() < 0.33 else 0,
                    offered_at=now,
                )
            )
        PeerProfile.objects.bulk_create(profiles, batch_size=2000)
        PeerTag.objects.bulk_create([tag for p in profiles for tag in tags_of(p)], batch_size=5000)
    return persons[0]


def wish(rng: random.Random) -> dict[str, object]:
    from alliances.mediation.catalogue import catalogue
    from alliances.peers.vocabulary import vocabulary

    words = vocabulary()
    chosen: dict[str, object] = {"experiences": [], "languages": [], "procedures": [], "availability": []}
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["experiences", "languages", "procedures", "availability", "neighbourhood"])
        if kind == "experiences":
            chosen[kind].append(rng.choice(words.experiences).code)  # type: ignore[attr-defined]
        elif kind == "languages":
            chosen[kind].append(rng.choice(words.languages).code)  # type: ignore[attr-defined]
        elif kind == "procedures":
            chosen[kind].append(rng.choice(catalogue().procedures).code)  # type: ignore[attr-defined]
        elif kind == "availability":
            chosen[kind].append(rng.choice(words.availability).code)  # type: ignore[attr-defined]
        else:
            chosen["neighbourhood"] = rng.choice(words.neighbourhoods).code
    return chosen


def run(profiles: int, requests: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alliances.peers.models import PeerRequest
    from alliances.peers.selectors import candidates_rank

    rng = random.Random(2026)
    began = time.perf_counter()
    asker = populate(profiles, rng)
    print(
        f"peer matching ({connection.vendor}) — {profiles} profiles written in "
        f"{time.perf_counter() - began:.1f} s (not timed)"
    )
    wishes = [PeerRequest(person=asker, **wish(rng)) for _ in range(requests + 20)]
    for request in wishes[:20]:
        candidates_rank(request)
    times, found = [], []
    for request in wishes[20:]:
        start = time.perf_counter()
        candidates = candidates_rank(request)
        times.append((time.perf_counter() - start) * 1000)
        found.append(len(candidates))
        assert all(len(c.reasons) >= 2 for c in candidates)
    with CaptureQueriesContext(connection) as queries:
        candidates_rank(wishes[-1])
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(
        f"  top 5 with reasons, {requests} random wishes: median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms; {min(found)}–{max(found)} candidates; "
        f"{len(queries)} SQL queries per request"
    )
    print("  goal: p95 ≤ 100 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    options = parser.parse_args()
    with throwaway_database("alliances_bench_peers"):
        run(options.profiles, options.requests)


if __name__ == "__main__":
    main()
