"""Process-wide protections that keep personal data off the disk (DESIGN §6).

Called once at start-up by the command line and the desktop app: no core dumps (nor Windows
Error Reporting dumps), a private umask, and crash reports that never carry values. Python's
default report of an unexpected error prints the exception's message (`KeyError: 'Quintero'`)
and a logging or crash reporting tool may add local variables; ours names the error's type and
where it happened (file, line, function) and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from screener import platform


def disable_core_dumps() -> None:
    """No core file or crash dump may hold decrypted records (`platform.disable_crash_dumps`)."""
    platform.current().disable_crash_dumps()


#: Called with the one-line report of an unexpected error (the desktop app adds a dialog).
CrashListener = Callable[[str], None]
_listeners: list[CrashListener] = []


def crash_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """`TypeName at file.py:12 in function (called from ...)`: no message, no values."""
    frames = traceback.extract_tb(tb)[-4:] if tb is not None else []
    where = " <- ".join(f"{os.path.basename(f.filename)}:{f.lineno} in {f.name}"
                        for f in reversed(frames))
    return f"{exc_type.__name__}" + (f" at {where}" if where else "")


def _report(exc_type: type[BaseException], exc: BaseException | None,
            tb: TracebackType | None) -> None:
    line = crash_report(exc_type, tb)
    if exc is not None:
        exc.__traceback__ = None  # let the frames (and the values they hold) go
    try:
        sys.stderr.write(f"screener: unexpected error: {line}. Nothing you saved was lost.\n")
    except (OSError, ValueError):  # no usable stderr (a GUI start): the listeners still hear
        pass
    for listener in list(_listeners):
        with contextlib.suppress(Exception):  # a failing listener must not report values
            listener(line)


def _thread_report(args: threading.ExceptHookArgs) -> None:
    _report(args.exc_type, args.exc_value, args.exc_traceback)


def _unraisable_report(info: sys.UnraisableHookArgs) -> None:
    _report(info.exc_type, info.exc_value, info.exc_traceback)


def install_crash_reports(listener: CrashListener | None = None) -> None:
    """Replace Python's reports of unexpected errors (main thread, other threads, errors in
    finalizers) with ones that carry no values; `listener` also hears each report."""
    sys.excepthook = _report
    threading.excepthook = _thread_report
    sys.unraisablehook = _unraisable_report
    if listener is not None:
        _listeners.append(listener)


def harden_process() -> None:
    """Everything above, plus a private umask so files we create are ours alone."""
    disable_core_dumps()
    os.umask(0o077)
    install_crash_reports()
