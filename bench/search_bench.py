"""Client search on a big database, SQLCipher beside plain SQLite with the same schema.

    PYTHONPATH=. python bench/search_bench.py --db FILE [--queries 400] [--json]

Queries are what people type for a client picked at random (so common names come up as
often as they do in the data), after as many other searches (a session in use, page caches
warm): a last-name prefix of 3+ letters, first name and the start
of the last, a whole last name, a date of birth (MM/DD/YYYY), a phone number (last 7 digits
or all 10). Each asks for the first page of 100 (`ClientsRepo.page`, what the client list
does), on the encrypted database and, right after, on the baseline: a plain SQLite copy of
the clients made for this run in a temporary folder (same migrations and settings; the answer
rows are not copied, a search never reads them) and deleted at the end. The save workload is
`AnswersRepo.save` (autosave: one fsynced commit per answer) on both.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ADMIN, PASSWORD, Row, db_arguments, emit, percentile, where

from screener import services
from screener.clock import SystemClock
from screener.domain import ClientIdentity, new_id
from screener.store import Repositories, migrations
from screener.store.db import Database, _configure
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import connect

GOAL_MS, RATIO_GOAL = 50.0, 1.2
NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


def queries(repos: Repositories, count: int, seed: int = 9) -> list[tuple[str, str]]:
    """(kind, text) pairs for clients picked at random."""
    rng = random.Random(seed)
    conn = repos.db.conn
    top = int(conn.execute("SELECT max(local_id) FROM clients").fetchone()[0])
    out: list[tuple[str, str]] = []
    while len(out) < count:
        row = conn.execute("SELECT first_name, last_name, dob, phone_digits FROM clients "
                           "WHERE local_id = ?", (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        first, last, dob, phone = row
        word = rng.choice(last.split())
        kind = rng.choices(["prefix", "first+last", "last", "dob", "phone"],
                           weights=[35, 15, 15, 15, 20])[0]
        if kind == "phone" and not phone:
            kind = "dob"
        if kind == "prefix":
            text = word[:rng.randint(3, max(3, len(word)))]
        elif kind == "first+last":
            text = f"{first.split()[0]} {word[:rng.randint(3, max(3, len(word)))]}"
        elif kind == "last":
            text = last
        elif kind == "dob":
            y, m, d = dob.split("-")
            text = f"{m}/{d}/{y}"
        else:
            text = phone[-7:-4] + "-" + phone[-4:] if rng.random() < 0.6 else phone
        out.append((kind, text))
    return out


def short_prefixes(repos: Repositories, count: int) -> list[tuple[str, str]]:
    """The first two letters of random clients' last names (the first keystrokes)."""
    rng = random.Random(11)
    conn = repos.db.conn
    top = int(conn.execute("SELECT max(local_id) FROM clients").fetchone()[0])
    out: list[tuple[str, str]] = []
    while len(out) < count:
        row = conn.execute("SELECT last_name FROM clients WHERE local_id = ?",
                           (rng.randint(1, top),)).fetchone()
        if row is not None:
            out.append(("2 letters", row[0][:2]))
    return out


def plain_copy(db_path: Path, folder: Path) -> Database:
    """A plain SQLite database with the same schema and settings, holding the same clients."""
    keys = load_keys_file(keys_path_for(db_path))
    key = unwrap_key(keys, ADMIN, PASSWORD)
    path = folder / "plain.db"
    conn = connect(path.resolve().as_uri() + "?mode=rwc")
    _configure(conn)
    migrations.migrate(conn)
    conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{bytes(key).hex()}'\"", (str(db_path),))
    key[:] = bytes(len(key))
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM settings")
    conn.execute("INSERT INTO settings SELECT * FROM enc.settings")
    conn.execute("UPDATE sync_clock SET seq = (SELECT seq FROM enc.sync_clock), "
                 "hlc = (SELECT hlc FROM enc.sync_clock)")
    conn.execute("INSERT INTO users SELECT * FROM enc.users")
    conn.execute("INSERT INTO clients SELECT * FROM enc.clients ORDER BY local_id")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE enc")
    return Database(path, b"", conn)


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(pairs: list[tuple[str, str]], cipher: Repositories, plain: Repositories
        ) -> tuple[list[float], list[float]]:
    """Each query on both databases, alternating which goes first."""
    enc, base = [], []
    for n, (_, text) in enumerate(pairs):
        first, second = (cipher, plain) if n % 2 else (plain, cipher)
        a = timed_ms(lambda r=first, t=text: r.clients.page(t, 100))
        b = timed_ms(lambda r=second, t=text: r.clients.page(t, 100))
        enc.append(a if first is cipher else b)
        base.append(b if first is cipher else a)
    return enc, base


def saves(cipher: Repositories, plain: Repositories, count: int
          ) -> tuple[list[float], list[float]]:
    """Milliseconds per autosaved answer (each its own fsynced commit) on both databases,
    alternating, so a slow moment of the shared disk hits both."""
    intakes = []
    for repos in (cipher, plain):
        client, intake = new_id(), new_id()
        repos.clients.insert(client, ClientIdentity("Bench", "Saver"), ADMIN, NOW)
        repos.intakes.insert(intake, client, "intake", 1, ADMIN, NOW)
        intakes.append(intake)
    times: tuple[list[float], list[float]] = ([], [])
    for n in range(count):
        for side in ((0, 1) if n % 2 else (1, 0)):
            repos = (cipher, plain)[side]
            times[side].append(timed_ms(lambda r=repos, i=intakes[side], n=n: r.answers.save(
                i, f"bench_{n % 25}", n, None, ADMIN, NOW)))
    return times


def main() -> None:
    parser = db_arguments(__doc__)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    # Beside the database: the same disk, so the autosaves' fsyncs compare.
    folder = Path(tempfile.mkdtemp(prefix="search-bench-", dir=args.db.parent))
    try:
        with services.open_session(args.db, ADMIN, PASSWORD, SystemClock()) as session:
            cipher = session.repos
            start = time.perf_counter()
            plain = Repositories.of(plain_copy(args.db, folder))
            print(f"plain SQLite copy of the clients made in {time.perf_counter() - start:.0f} s")
            pairs = queries(cipher, args.queries)
            # A session that has been searching a while: warm both page caches with as many
            # other searches first.
            run(queries(cipher, args.queries, seed=17), cipher, plain)
            enc, base = run(pairs, cipher, plain)
            short_enc, short_base = run(short_prefixes(cipher, 60), cipher, plain)
            save_enc, save_base = saves(cipher, plain, args.saves)
            plain.db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    p95, p95_base = percentile(enc, 95), percentile(base, 95)
    for kind in dict.fromkeys(k for k, _ in pairs):
        mine = [t for (k, _), t in zip(pairs, enc, strict=True) if k == kind]
        print(f"  {kind:<11} n={len(mine):<4} median {statistics.median(mine):6.1f} ms  "
              f"max {max(mine):6.1f} ms")
    print(f"search p50 {statistics.median(enc):.1f} ms p95 {p95:.1f} ms; plain SQLite p50 "
          f"{statistics.median(base):.1f} p95 {p95_base:.1f} ms")
    short, short_plain = percentile(short_enc, 95), percentile(short_base, 95)
    print(f"2-letter prefixes p95 {short:.1f} ms (plain {short_plain:.1f} ms)")
    save, save_plain = statistics.median(save_enc), statistics.median(save_base)
    print(f"autosave median {save:.2f} ms (plain {save_plain:.2f} ms)")
    # Searches as timed (interleaved, so a busy moment hits both); saves as count x median,
    # because one slow fsync of a shared disk would otherwise decide the ratio.
    workload = sum(enc) + len(save_enc) * save
    workload_plain = sum(base) + len(save_base) * save_plain
    if args.json:
        emit([
            Row(f"client search p95, {where(args.clients)} (prefix, name, dob, phone)",
                round(p95, 1), "ms", round(p95_base, 1), f"< {GOAL_MS:.0f} ms", p95 < GOAL_MS,
                f"p50 {statistics.median(enc):.1f} ms; baseline: plain SQLite, same schema"),
            Row("client search p95, 2-letter prefixes", round(short, 1), "ms",
                round(short_plain, 1), note="first keystrokes; no goal set"),
            Row("SQLCipher / plain SQLite, search and save workload",
                round(workload / workload_plain, 2), "×", goal=f"≤ {RATIO_GOAL}×",
                met=workload / workload_plain <= RATIO_GOAL,
                note=f"{len(enc)} searches + {len(save_enc)} autosaves: {workload:.0f} ms vs "
                     f"{workload_plain:.0f} ms; autosave median {save:.1f} vs "
                     f"{save_plain:.1f} ms"),
        ])


if __name__ == "__main__":
    main()
