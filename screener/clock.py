"""The one place Screener asks what time it is.

Core code never calls `date.today()` or `datetime.now()`: it is handed a Clock (or a `today`),
so screening results are reproducible and tests can pin the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

#: How far a time may run ahead of the newest one known before it is not believed: the
#: office refuses imported stamps further ahead of its clock (`sync/importing.py`), and
#: sign-in warns when this computer's clock is further from the newest time recorded
#: (`services/clock_jump.py`).
CLOCK_TOLERANCE = timedelta(hours=24)

#: Intake happens in Los Angeles; "today" for eligibility is the local date there.
LOCAL_ZONE = ZoneInfo("America/Los_Angeles")


def local_date(stamp: str) -> date:
    """The Los Angeles calendar date of a stored UTC timestamp (`2026-11-26T02:00:00Z` is
    November 25 there): what a person means by "the day it happened"."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_ZONE).date()


def local_minute(stamp: str) -> str:
    """A stored UTC timestamp as Los Angeles wall-clock time to the minute
    (`2026-11-26T02:00:00Z` is `2026-11-25 18:00`): what the person sees on the laptop."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...

    def today(self) -> date:
        """The current calendar date in Los Angeles."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(LOCAL_ZONE).date()


@dataclass
class FixedClock:
    """A clock that says what it is told; tests move it with `advance`."""

    instant: datetime

    def __post_init__(self) -> None:
        if self.instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return self.instant.astimezone(LOCAL_ZONE).date()

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.instant = self.instant + timedelta(**delta)

    @classmethod
    def on(cls, day: date) -> FixedClock:
        """A clock at noon, Los Angeles time, on `day`."""
        return cls(datetime(day.year, day.month, day.day, 12, tzinfo=LOCAL_ZONE).astimezone(UTC))
