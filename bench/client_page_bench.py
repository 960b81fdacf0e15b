"""Opening a client's page (identity, 5 intakes, consents, packets, answer history).

    PYTHONPATH=. python bench/client_page_bench.py --db FILE [--clients N] [--pages 20] [--json]

In the real main window (offscreen Qt): `open_client(id)` until the page has read its summary
off the GUI thread and filled its widgets, for clients that have exactly five intakes. The
first page of a session also loads the installed forms (once per session); it is reported
apart. Goal: under 100 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ADMIN, PASSWORD, Row, db_arguments, emit

GOAL_MS = 100.0


def main() -> None:
    parser = db_arguments(__doc__)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()

    import qt_driver

    from screener.ui import tasks

    window = qt_driver.main_window(args.db, ADMIN, PASSWORD)
    conn = window.session.repos.db.conn
    ids = [str(r[0]) for r in conn.execute(
        "SELECT client_id FROM intakes GROUP BY client_id HAVING count(*) = 5 LIMIT ?",
        (args.pages + 1,))]
    if len(ids) < 2:
        raise SystemExit("no clients with five intakes in this database")
    times = []
    for client_id in ids:
        start = time.perf_counter()
        page = window.open_client(client_id)
        qt_driver.wait_until(lambda page=page: page._summary is not None
                             and page.title.text() != page.tr("Loading…"))
        times.append((time.perf_counter() - start) * 1000)
        window.back_to_clients()
    first, rest = times[0], times[1:]
    median = statistics.median(rest)
    print(f"first client page of the session {first:.0f} ms (loads the forms); then median "
          f"{median:.1f} ms, max {max(rest):.1f} ms over {len(rest)} clients with 5 intakes")
    window.teardown()
    tasks.wait_all(10_000)
    window.session.close()
    if args.json:
        emit([Row("open a client page with 5 intakes", round(median, 1), "ms",
                  goal=f"< {GOAL_MS:.0f} ms", met=median < GOAL_MS,
                  note=f"median of {len(rest)}; max {max(rest):.0f} ms; first of the session "
                       f"{first:.0f} ms (loads the forms once)")])


if __name__ == "__main__":
    main()
