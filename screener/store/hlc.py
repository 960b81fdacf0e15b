"""Hybrid logical clock (HLC) timestamps for sync (DESIGN §8).

An HLC is the wall-clock time in milliseconds, a counter that orders events within the same
millisecond (or while the wall clock stands still or goes backwards), and the device id that
breaks ties between devices. Its text form sorts correctly as a plain string:

    2026-11-25T20:00:00.123Z-0000-5f0c...-device-uuid

Each device's HLC never goes backwards, even if the laptop's clock is set back, and after
`observe`-ing a remote timestamp it is later than that timestamp (Kulkarni et al., 2014).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_COUNTER_MAX = 0xFFFF
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PATTERN = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})Z-([0-9a-f]{4})-([0-9a-f-]{36})"
)


@dataclass(frozen=True, order=True)
class Hlc:
    """One hybrid-logical-clock timestamp; compares like its text form."""

    millis: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        moment = _EPOCH + timedelta(milliseconds=self.millis)
        text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.millis % 1000:03d}Z"
        return f"{text}-{self.counter:04x}-{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        """The HLC written as `text`; ValueError if it is not one."""
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError("not a hybrid logical clock timestamp")
        moment = datetime.strptime(match[1] + "+0000", "%Y-%m-%dT%H:%M:%S.%f%z")
        return cls(millis=_millis(moment), counter=int(match[2], 16), device_id=match[3])

    def tick(self, now: datetime) -> Hlc:
        """The next local timestamp after this one, at wall-clock time `now`."""
        wall = _millis(now)
        if wall > self.millis:
            return Hlc(wall, 0, self.device_id)
        return self._bump(self.millis, self.counter)

    def observe(self, remote: Hlc, now: datetime) -> Hlc:
        """The next local timestamp after receiving `remote` (later than both)."""
        wall = _millis(now)
        top = max(wall, self.millis, remote.millis)
        if top == wall and wall > self.millis and wall > remote.millis:
            return Hlc(wall, 0, self.device_id)
        counter = max(
            self.counter if self.millis == top else -1,
            remote.counter if remote.millis == top else -1,
        )
        return self._bump(top, counter)

    def _bump(self, millis: int, counter: int) -> Hlc:
        if counter >= _COUNTER_MAX:  # the counter is full: borrow the next millisecond
            return Hlc(millis + 1, 0, self.device_id)
        return Hlc(millis, counter + 1, self.device_id)

    @classmethod
    def zero(cls, device_id: str) -> Hlc:
        """The timestamp before every other one of `device_id`."""
        return cls(0, 0, device_id)


def _millis(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("HLC needs a timezone-aware datetime")
    return (moment - _EPOCH) // timedelta(milliseconds=1)
