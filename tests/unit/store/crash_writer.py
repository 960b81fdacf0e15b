"""Child process for the kill -9 test: writes answers forever, printing each one only after
`save_answer` returned (i.e. after the commit was acknowledged).

Usage: python crash_writer.py DB INTAKE_ID FIRST_NUMBER
Prints `ready`, then lines `FIELD NUMBER`; every answer's value is {"n": NUMBER, ...} and a
field's numbers only grow.
"""

from __future__ import annotations

import sys
from pathlib import Path

from screener import services
from screener.clock import SystemClock
from screener.forms import FormCatalog, QuestionType


def main() -> None:
    db, intake_id, first = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    session = services.open_session(db, "admin", "admin-password-1", SystemClock())
    print("ready", flush=True)
    form = FormCatalog.load().form("intake")
    fields = [q.id for q in form.questions()
              if q.type in (QuestionType.TEXT, QuestionType.LONGTEXT) and q.pattern is None
              and q.max is None]
    n = first
    while True:
        # Every write replaces an earlier answer (history rows) and some update the client.
        field = fields[n % len(fields)]
        services.save_answer(session, intake_id, field, f"{n} " + "x" * (n * 37 % 900))
        print(field, n, flush=True)
        n += 1


if __name__ == "__main__":
    main()
