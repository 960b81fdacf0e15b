"""Store figures: key derivation time, autosave latency, encrypted client search.

    PYTHONPATH=. python bench/store.py [CLIENTS]

Prints figures; asserts nothing. The key derivation uses the real (slow) parameters.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from screener import services
from screener.clock import SystemClock
from screener.store.keyslots import DEFAULT_SCRYPT, measure_kdf_seconds

FIRST = ["John", "Maria", "José", "Dana", "Lee", "Ana", "Pat", "Sam", "Luis", "Rosa"]
LAST = ["Smith", "García", "Jones", "Nguyen", "López", "Brown", "Kim", "Pérez", "Lee", "Chan"]


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of `fn()`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    n, r, p = DEFAULT_SCRYPT
    kdf = statistics.median(measure_kdf_seconds() for _ in range(3))
    print(f"scrypt n=2^{n.bit_length() - 1} r={r} p={p}: {kdf:.3f} s per unlock (target 0.3-0.5)")
    os.environ["SCREENER_KDF_FAST"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "screener.db"
        clock = SystemClock()
        services.create_database(path, "admin", "bench-password", clock)
        with services.open_session(path, "admin", "bench-password", clock) as session:
            start = time.perf_counter()
            with session.repos.db.transaction():
                for i in range(clients):
                    services.create_client(session, services.ClientIdentity(
                        FIRST[i % 10], f"{LAST[i // 10 % 10]}{i}", dob=f"19{50 + i % 50}-01-0{1 + i % 9}",
                        phone=f"213555{i:04d}"))
            print(f"{clients} clients created in {time.perf_counter() - start:.1f} s")
            client = services.find_clients(session, "", limit=1).clients[0]
            intake = services.start_intake(session, client.id, "intake", 1)
            counter = iter(range(10**9))
            # "How many children under 18": 0-20, a new value every time (each save commits)
            ms = timed(lambda: services.save_answer(
                session, intake.id, "children_under_18", next(counter) % 21), 200)
            print(f"save_answer (one fsynced commit): {ms:.2f} ms median")
            for query in ("smi", "garcía12", "1960-01-02", "555-0123", ""):
                ms = timed(partial(services.find_clients, session, query, limit=50), 20)
                print(f"find_clients({query!r}, 50): {ms:.2f} ms median")
            ms = timed(lambda: services.possible_duplicates(session, "Jon", "Smith1", "1951-01-02"), 20)
            print(f"possible_duplicates: {ms:.2f} ms median")


if __name__ == "__main__":
    main()
