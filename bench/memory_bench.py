"""Peak memory of the desktop app on a big database while searching and scrolling.

    PYTHONPATH=. python bench/memory_bench.py --db FILE [--clients N] [--pages 300] [--json]

The real main window (offscreen Qt), signed in: scroll the full client list `--pages` pages
down (100 clients a page, fetched as the view reaches the end), then type 40 searches and
scroll a few pages of each, then open 10 client pages. Reports the process's peak resident
memory (`ru_maxrss`) and, for comparison, what it was right after signing in. Goal: under
400 MB.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ADMIN, PASSWORD, Row, db_arguments, emit, peak_rss_mib, where

GOAL_MIB = 400.0


def main() -> None:
    parser = db_arguments(__doc__)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()

    import qt_driver
    from PySide6.QtCore import QModelIndex

    from screener.ui import tasks

    window = qt_driver.main_window(args.db, ADMIN, PASSWORD)
    page = window.page("clients")
    model = page.model
    qt_driver.wait_until(lambda: model.rowCount() > 0 and not model.loading)
    signed_in = peak_rss_mib()
    start = time.perf_counter()

    def scroll(pages: int) -> None:
        for _ in range(pages):
            if not model.canFetchMore(QModelIndex()):
                return
            rows = model.rowCount()
            page.table.scrollToBottom()  # the view asks for the next page
            qt_driver.wait_until(lambda rows=rows: model.rowCount() > rows or model.complete)

    scroll(args.pages)
    listed = model.rowCount()
    conn = window.session.repos.db.conn
    rng = random.Random(3)
    top = int(conn.execute("SELECT max(local_id) FROM clients").fetchone()[0])
    for n in range(40):
        row = conn.execute("SELECT last_name, dob FROM clients WHERE local_id = ?",
                           (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        query = row[0][:3] if n % 2 else row[0]
        page.search.setText(query)
        page._search_now()
        qt_driver.wait_until(lambda: not model.loading)
        scroll(5)
    for n in range(10):
        qt_driver.wait_until(lambda: not model.loading)
        if model.rowCount() > n:
            client = window.open_client(model.client_id(n))
            qt_driver.wait_until(lambda client=client: client._summary is not None)
            window.back_to_clients()
    seconds = time.perf_counter() - start
    peak = peak_rss_mib()
    print(f"peak RSS {peak:.0f} MiB (after signing in {signed_in:.0f} MiB); scrolled "
          f"{listed:,} clients, 40 searches, 10 client pages in {seconds:.0f} s")
    window.teardown()
    tasks.wait_all(10_000)
    window.session.close()
    if args.json:
        emit([Row(f"peak memory, {where(args.clients)}, search and scroll", round(peak), "MiB",
                  goal=f"< {GOAL_MIB:.0f} MB RSS", met=peak * 1.048576 < GOAL_MIB,
                  note=f"{peak * 1.048576:.0f} MB; {signed_in:.0f} MiB after signing in; "
                       f"{listed:,} clients scrolled, 40 searches, 10 client pages")])


if __name__ == "__main__":
    main()
