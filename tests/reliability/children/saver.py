"""Child process: saves answers forever and acknowledges each commit on stdout.

Usage: python saver.py DB INTAKE_ID FIRST_NUMBER [--synchronous normal]

Prints `ready PID`, then one line per committed save: `FIELD NUMBER` for a single answer, and
`pair NUMBER` when both fields of `harness.PAIR` were written in one transaction. Each line is
printed only after the save returned, i.e. after the commit was acknowledged. Answer values
start with their number; a field's numbers only grow. `--synchronous normal` weakens the
connection behind Screener's back (the negative control of the power-loss test).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from screener import services
from screener.clock import SystemClock
from screener.domain import IDENTITY_FIELDS
from screener.forms import FormCatalog, QuestionType

PAIR = ("first_name", "last_name")


def main() -> None:
    db, intake_id, first = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    session = services.open_session(db, "admin", "admin-password-1", SystemClock())
    if sys.argv[4:6] == ["--synchronous", "normal"]:
        session.repos.db.conn.execute("PRAGMA synchronous = NORMAL")
    form = FormCatalog.load().form("intake")
    # (identity fields other than the pair are left out: names may have only 200 characters)
    singles = [q.id for q in form.questions()
               if q.type in (QuestionType.TEXT, QuestionType.LONGTEXT) and q.pattern is None
               and q.max is None and q.id not in IDENTITY_FIELDS]
    print("ready", os.getpid(), flush=True)
    n = first
    while True:
        if n % 4 == 0:
            with session.repos.db.transaction():
                for field in PAIR:
                    services.save_answer(session, intake_id, field, f"{n} pair")
            print("pair", n, flush=True)
        else:
            # Every write replaces an earlier answer (history rows); sizes vary up to pages.
            field = singles[n % len(singles)]
            services.save_answer(session, intake_id, field, f"{n} " + "x" * (n * 37 % 5000))
            print(field, n, flush=True)
        n += 1


if __name__ == "__main__":
    main()
