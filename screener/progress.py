"""Progress reporting and cancellation for long operations, without Qt.

Services that take long (re-screening, batch packets, import, demo data) accept a `Progress`.
The command line prints a bar; the desktop app forwards it to a progress dialog.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from screener.errors import ScreenerError


class Cancelled(ScreenerError):
    """The person cancelled the operation; nothing after the last commit was kept."""


class Progress:
    """Receives `step` calls from an operation; `cancel()` may be called from another thread."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if someone asked to stop."""
        if self._cancel.is_set():
            raise Cancelled("cancelled")

    def step(self, done: int, total: int | None = None, label: str = "") -> None:
        """`done` of `total` units are finished. Raises `Cancelled` if asked to stop."""
        self.report(done, total, label)
        self.check()

    def report(self, done: int, total: int | None, label: str) -> None:
        """Override to show progress somewhere."""


class TerminalProgress(Progress):
    """A text progress bar on stderr, redrawn at most ten times a second."""

    #: The bar whose line is not finished yet, so that an error message starts a new line.
    _open: TerminalProgress | None = None

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        super().__init__()
        self._stream = stream or sys.stderr
        self._width = width
        self._last = 0.0
        self._finished: tuple[int, int | None, str] | None = None
        self._drawn: tuple[int | None, str] = (None, "")

    @classmethod
    def end_line(cls) -> None:
        """Finish the line of a bar left half-drawn (before printing an error)."""
        bar, cls._open = cls._open, None
        if bar is not None:
            bar._stream.write("\n")
            bar._stream.flush()

    def finish(self) -> None:
        """The operation is done: draw this bar complete if it stopped short of its total (an
        import reads only the start of a bundle it already has), so that what is printed next
        starts on a new line."""
        if TerminalProgress._open is not self:
            return
        total, label = self._drawn
        if total:
            self._stream.write(f"\r{label} [{'#' * self._width}] {total}/{total}")
        TerminalProgress.end_line()

    def report(self, done: int, total: int | None, label: str) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if finished and self._finished == (done, total, label):
            return  # already drawn complete (some operations report the end twice)
        if not finished and now - self._last < 0.1:
            return
        self._last = now
        self._finished = (done, total, label) if finished else None
        self._drawn = (total, label)
        if total:
            filled = int(self._width * min(done, total) / total)
            bar = "#" * filled + "-" * (self._width - filled)
            line = f"\r{label} [{bar}] {done}/{total}"
        else:
            line = f"\r{label} {done}"
        self._stream.write(line)
        if finished:
            self._stream.write("\n")
            TerminalProgress._open = None
        else:
            TerminalProgress._open = self
        self._stream.flush()
