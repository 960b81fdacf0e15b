"""Run every benchmark (each in its own process) and print one table.

    bench/run [--quick] [--markdown] [FIGURE ...]      # FIGURE: see --list

figure | value | baseline (measured in the same run) | ratio | goal | met/missed. The big
databases are built once and cached under bench/.cache/ (see common.py). `--quick` uses small
sizes (a smoke run: the goals are for the full sizes). The machine's load is printed before
and after each figure: on a busy machine re-run a missed figure before believing it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE, MARK, ROOT, Row, big_database, env, python

FULL_CLIENTS, QUICK_CLIENTS = 1_000_000, 20_000


@dataclass(frozen=True)
class Figure:
    """One benchmark script and its arguments at full and quick size."""

    name: str
    script: str
    full: tuple[str, ...] = ()
    quick: tuple[str, ...] = ()
    needs_db: bool = False


FIGURES = (
    Figure("startup", "startup_bench.py", ("--runs", "7"), ("--runs", "3")),
    Figure("unlock", "unlock_bench.py", needs_db=True),
    Figure("search", "search_bench.py", ("--queries", "400"), ("--queries", "100"),
           needs_db=True),
    Figure("client-page", "client_page_bench.py", needs_db=True),
    Figure("rescreen", "rescreen_bench.py", ("--clients", "100000"), ("--clients", "10000")),
    Figure("packet", "packet_bench.py", ("200",), ("30",)),
    Figure("quick-screen", "quick_screen_bench.py", ("--people", "300"), ("--people", "40")),
    Figure("sync", "sync_bench.py", ("--clients", "1000", "10000"), ("--clients", "300", "1000")),
    Figure("memory", "memory_bench.py", needs_db=True),
    Figure("rekey", "rekey_bench.py", ("--clients", "20000"), ("--clients", "2000")),
    Figure("demo-data", "", needs_db=True),
)


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_figure(figure: Figure, quick: bool, db: Path | None, clients: int) -> list[Row]:
    """Run one figure script in a child process; its rows (or one row saying it failed)."""
    args = list(figure.quick if quick else figure.full)
    if figure.needs_db and db is not None:
        args += ["--db", str(db), "--clients", str(clients)]
    command = [python(), str(ROOT / "bench" / figure.script), *args, "--json"]
    print(f"\n== {figure.name}: {' '.join(command[1:])}   (load {load()})", flush=True)
    done = subprocess.run(command, env=env(), cwd=ROOT, capture_output=True, text=True)
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            rows += [Row(**r) for r in json.loads(line[len(MARK):])]
        else:
            print("   " + line, flush=True)
    if done.returncode != 0 or not rows:
        print(done.stderr[-3000:], flush=True)
        return [Row(figure.name, None, "", note=f"failed (exit {done.returncode})")]
    return rows


def demo_rows(clients: int) -> list[Row]:
    """The load of the cached database (timed when it was built)."""
    made = big_database(clients)
    minutes = made.build_seconds / 60
    return [
        Row(f"demo-data --clients {clients:,}", round(minutes, 1), "min", goal="minutes (< 15)",
            met=minutes < 15,
            note=f"{made.build_seconds / clients * 1e3:.2f} ms a client; cpu "
                 f"{made.cpu_seconds / 60:.1f} min (2 threads); load {made.load:.1f} "
                 "while built"),
        Row(f"database size, {clients:,} clients", round(made.bytes / 2**30, 2), "GiB",
            note=f"{made.bytes / clients / 1024:.1f} KiB a client"),
    ]


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"


def table(rows: list[Row], markdown: bool) -> str:
    """The results as aligned text or a Markdown table."""
    head = ("figure", "value", "baseline", "ratio", "goal", "met/missed")
    body = [(r.figure, f"{_fmt(r.value)} {r.unit}".strip(),
             f"{_fmt(r.baseline)} {r.unit}".strip() if r.baseline is not None else "—",
             f"{r.ratio:.2f}×" if r.ratio is not None else "—", r.goal or "—",
             {True: "met", False: "MISSED", None: "—"}[r.met]) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(c[i]) for c in (head, *body)) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
                     for cells in (head, *body))


def machine() -> str:
    """CPU model, cores, memory: what the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", nargs="*", help="only these figures (default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--list", action="store_true", help="list the figures")
    args = parser.parse_args()
    if args.list:
        print("\n".join(f.name for f in FIGURES))
        return
    unknown = set(args.figures) - {f.name for f in FIGURES}
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))} (see --list)")
    chosen = [f for f in FIGURES if not args.figures or f.name in args.figures]
    clients = QUICK_CLIENTS if args.quick else FULL_CLIENTS
    db = big_database(clients).path if any(f.needs_db for f in chosen) else None
    started = datetime.datetime.now().astimezone()
    print(f"{started:%Y-%m-%d %H:%M %Z}  {machine()}  load {load()}", flush=True)
    rows: list[Row] = []
    loads = []
    for figure in chosen:
        before = time.perf_counter()
        rows += demo_rows(clients) if figure.name == "demo-data" else run_figure(
            figure, args.quick, db, clients)
        loads.append(f"{figure.name}: {time.perf_counter() - before:.0f} s, load after {load()}")
    print("\n" + "; ".join(loads))
    print(f"\n{'QUICK run (small sizes): goals apply to full runs' if args.quick else 'Full run'}"
          f", {started:%Y-%m-%d %H:%M}, {machine()}\n")
    print(table(rows, args.markdown))
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / f"results-{started:%Y%m%d-%H%M%S}.json").write_text(json.dumps({
        "started": started.isoformat(), "quick": args.quick, "machine": machine(),
        "loads": loads, "rows": [r.__dict__ for r in rows]}, indent=1))


if __name__ == "__main__":
    main()
