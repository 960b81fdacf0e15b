"""Cold start: a new process until the unlock window is on screen (offscreen Qt).

    PYTHONPATH=. python bench/startup_bench.py [--runs 7] [--db FILE] [--json]

Runs `python -m screener --db FILE` with SCREENER_BENCH_STARTUP=1 (the app prints
`time.perf_counter()` when its first window is drawn, then quits; both processes read the
same monotonic clock) and, alternately in the same run, the baseline
`python -c "import PySide6.QtWidgets"`. Prints medians. Goal: under 0.8 s. "Cold" means a
new process; the files are in the OS cache, as on any second start of the day.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, emit, env, python, screener

GOAL_S = 0.8


def app_start(db: Path) -> float:
    """Seconds from spawning the app until its unlock window is shown."""
    start = time.perf_counter()
    child = subprocess.Popen([python(), "-m", "screener", "--db", str(db)], stdout=subprocess.PIPE,
                             text=True, env=env(SCREENER_BENCH_STARTUP="1"))
    assert child.stdout is not None
    shown = None
    for line in child.stdout:
        if line.startswith("screener-window-shown "):
            shown = float(line.split()[1])
    if child.wait(timeout=60) != 0 or shown is None:
        raise SystemExit("the app did not report its window")
    return shown - start


def baseline() -> float:
    """Seconds for a process that only imports Qt's widgets."""
    start = time.perf_counter()
    subprocess.run([python(), "-c", "import PySide6.QtWidgets"], check=True, env=env())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="an existing database (default: a new one)")
    parser.add_argument("--clients", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "screener.db"
            screener(db, "init", "--user", "admin")
        app_start(db)  # once untimed: the OS caches the files, like any later start
        apps, bases = [], []
        for _ in range(args.runs):
            apps.append(app_start(db))
            bases.append(baseline())
    app, base = statistics.median(apps), statistics.median(bases)
    print(f"unlock window shown  median {app:.3f} s  (runs: {', '.join(f'{a:.2f}' for a in apps)})")
    print(f"import PySide6.QtWidgets  median {base:.3f} s")
    if args.json:
        emit([Row("start to unlock window, cold process", round(app, 3), "s", round(base, 3),
                  f"< {GOAL_S} s", app < GOAL_S, "baseline: python -c 'import PySide6.QtWidgets'")])


if __name__ == "__main__":
    main()
