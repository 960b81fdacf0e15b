"""Shared by the benchmark scripts: result rows, the cached databases, small helpers.

Every figure script prints human-readable lines and, last, one `BENCH-JSON [...]` line with
its rows; `bench/run` collects those into one table. Benchmarks print; nothing asserts a time.

The big databases are made once with the real command line (`screener init`, `screener
demo-data`) and kept under `bench/.cache/` (git-ignored), keyed by a hash of the code that
decides their content and format (store, demo data, migrations): a change there builds them
again. They hold synthetic people only, encrypted like any Screener database.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PASSWORD = "bench-password-123"
#: The account that loads the data (quick key derivation: the KDF is not what a load measures).
ADMIN = "admin"
#: An account with the real key derivation (scrypt n=2^16), for the unlock figure.
WORKER = "worker"
#: What decides a cached database's content and format.
_CODE = ("screener/store/migrations", "screener/store/bulk.py", "screener/store/intakes.py",
         "screener/store/hlc.py",
         "screener/demo", "screener/services/demo.py", "screener/cli/demo_commands.py")
MARK = "BENCH-JSON "


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    value: float | None
    unit: str
    baseline: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """value / baseline, when both are known."""
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


def db_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The parser of a figure that runs on a database: --db FILE, --clients N, --json."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the database to run on")
    parser.add_argument("--clients", type=int, default=0, help="how many clients it holds")
    parser.add_argument("--json", action="store_true", help="end with the BENCH-JSON line")
    return parser


def where(clients: int) -> str:
    """How a figure names its database: "1,000,000 clients" (or just "database")."""
    return f"{clients:,} clients" if clients else "database"


def emit(rows: Iterable[Row]) -> None:
    """Print the machine-readable result line (the last line of every figure script)."""
    print(MARK + json.dumps([asdict(r) for r in rows]), flush=True)


def python() -> str:
    """The interpreter running the benchmarks (the project's virtual environment)."""
    return sys.executable


def env(**extra: str) -> dict[str, str]:
    """The environment for child processes: the project on the path, Qt offscreen."""
    out = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out.update(extra)
    return out


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Linux's `ru_maxrss` keeps the peak from before `exec`, i.e. of the parent that forked
    this process; the memory map's own high-water mark (VmHWM) starts afresh at `exec`.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct` percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def code_hash() -> str:
    """A short hash of the code that decides what a cached database holds."""
    digest = hashlib.sha256()
    for name in _CODE:
        path = ROOT / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".sql"):
                digest.update(file.relative_to(ROOT).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def screener(db: Path, *args: str, fast_kdf: bool = True, **extra: str) -> None:
    """Run the `screener` command line on `db` (raises if it fails)."""
    variables = env(SCREENER_USER=ADMIN, SCREENER_PASSPHRASE=PASSWORD, **extra)
    if fast_kdf:
        variables["SCREENER_KDF_FAST"] = "1"
    else:
        variables.pop("SCREENER_KDF_FAST", None)
    subprocess.run([python(), "-m", "screener", "--db", str(db), *args], env=variables,
                   check=True, cwd=ROOT)


@dataclass(frozen=True)
class BigDatabase:
    """A cached database of synthetic clients and how it was made."""

    path: Path
    clients: int
    build_seconds: float
    cpu_seconds: float
    load: float
    bytes: int


def big_database(clients: int, seed: int = 1) -> BigDatabase:
    """The cached database with `clients` synthetic clients, built first if needed.

    Built with `screener demo-data` (the figure for "a million clients in minutes" is the
    time that command took, recorded in meta.json). Older builds of other code are removed.
    """
    key = f"{clients}-s{seed}-{code_hash()}"
    folder = CACHE / "db" / key
    meta = folder / "meta.json"
    if not meta.exists():
        for old in (CACHE / "db").glob(f"{clients}-s{seed}-*"):
            shutil.rmtree(old, ignore_errors=True)
        _build(folder, clients, seed)
    info = json.loads(meta.read_text())
    return BigDatabase(folder / "screener.db", clients, info["build_seconds"],
                       info.get("cpu_seconds", 0.0), info.get("load", 0.0), info["bytes"])


def _build(folder: Path, clients: int, seed: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "screener.db"
    print(f"Building the {clients:,}-client database in {folder} (once) ...", flush=True)
    screener(db, "init", "--user", ADMIN)
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    screener(db, "demo-data", "--clients", str(clients), "--seed", str(seed))
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = (load_before + os.getloadavg()[0]) / 2
    screener(db, "user", "add", WORKER, "--role", "admin", "--user", ADMIN, fast_kdf=False,
             SCREENER_NEW_PASSPHRASE=PASSWORD)
    size = sum(p.stat().st_size for p in folder.glob("screener.db*"))
    (folder / "meta.json").write_text(json.dumps(
        {"clients": clients, "seed": seed, "build_seconds": seconds, "cpu_seconds": cpu,
         "load": round(load, 2), "bytes": size}))
