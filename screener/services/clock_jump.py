"""Sign-in's check of this computer's clock against the newest time the database recorded.

A laptop whose clock went back stamps changes older than what it already holds; one whose
clock ran ahead stamps changes the office will refuse (`sync/importing.py`). Both are warned
at sign-in (`Session.clock_jump`); ahead, stamps are held back until the date is confirmed.
"""

from __future__ import annotations

from datetime import datetime

from screener.clock import CLOCK_TOLERANCE
from screener.store import Repositories
from screener.store.stamps import STAMP_LIMIT, newest_stamp, timestamp


def clock_jump(repos: Repositories, now: datetime) -> tuple[str, str] | None:
    """(now, newest recorded) if this computer's clock is more than CLOCK_TOLERANCE behind or
    ahead of the newest time recorded (the last audit row, the last change stamp): a
    laptop whose clock jumped.

    Ahead, it also sets the stamp limit (`store/stamps.py`) to the newest time plus
    CLOCK_TOLERANCE, so no change is stamped later than the office would accept; the limit
    stays, and sign-in keeps warning, until the clock is back within it or the person
    confirms the date (`Session.confirm_clock`)."""
    limit = repos.settings.get(STAMP_LIMIT)
    if limit is not None:
        bound = _instant(limit)
        if bound is not None and now > bound:
            return timestamp(now), timestamp(bound - CLOCK_TOLERANCE)
        repos.settings.delete(STAMP_LIMIT)  # the clock is back within the limit
    recorded = [t for t in (repos.audit.last_at(), newest_stamp(repos.db.conn)) if t]
    times = [t for t in map(_instant, recorded) if t is not None]
    if not times:
        return None
    newest = max(times)
    if now < newest - CLOCK_TOLERANCE:
        return timestamp(now), timestamp(newest)
    if now > newest + CLOCK_TOLERANCE:
        repos.settings.set(STAMP_LIMIT, timestamp(newest + CLOCK_TOLERANCE))
        return timestamp(now), timestamp(newest)
    return None


def _instant(text: str) -> datetime | None:
    """A stored timestamp as an aware datetime (None if it is not one)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
