"""Rekey: `screener db rekey` (re-encrypt the whole database under a new key) on a database
of N synthetic clients, with the figure scaled to 100,000 clients.

    PYTHONPATH=. python bench/rekey_bench.py [--clients N] [--json]

Builds the database with the real command line (`screener init`, `screener demo-data`),
then times `services.rekey_database` (copy under the new key, check, fsync, swap, reopen).
The time grows with the file's size, so the figure per 100,000 clients is N's time scaled
by the size ratio (measured at a smaller N on a busy machine; the note says which N).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ADMIN, PASSWORD, Row, emit, screener

from screener import services
from screener.clock import SystemClock

PER = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "screener.db"
        screener(db, "init")
        screener(db, "demo-data", "--clients", str(args.clients))
        size = db.stat().st_size
        with services.open_session(db, ADMIN, PASSWORD, SystemClock()) as session:
            start = time.perf_counter()
            services.rekey_database(session)
            seconds = time.perf_counter() - start
    per = seconds * PER / args.clients
    print(f"rekey of {args.clients:,} clients ({size / 2**20:.0f} MiB): {seconds:.1f} s; "
          f"{per:.0f} s per {PER:,} clients ({size / 2**20 * PER / args.clients:.0f} MiB)")
    if args.json:
        emit([Row(f"rekey per {PER:,} clients", round(per, 1), "s", goal="minutes (< 10)",
                  met=per < 600, note=f"measured on {args.clients:,} clients, scaled; "
                  f"{size / args.clients / 1024:.1f} KiB a client")])


if __name__ == "__main__":
    main()
