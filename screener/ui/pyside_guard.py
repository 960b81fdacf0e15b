"""A guard against a PySide6 6.12.0 reference-count bug on Python 3.11.

PySide6 6.12.0 (an abi3 wheel) returns `None` from every void method (`setText`,
`setVisible`, ...) without taking a reference to it. From Python 3.12 `None` is immortal and
nothing happens; on Python 3.11 each call takes one reference away, and after some ten
thousand calls CPython aborts with "none_dealloc: deallocating None". PySide6 6.11.2 does not
have the bug (checked on this machine with the same Python).

`guard_none_refcount()` measures whether the running PySide6 has the bug and, only then, gives
`None` a very large number of extra references so it can never reach zero, which is what
Python 3.12 does for it by design. It is idempotent and cheap. The real fix is a PySide6
without the bug (or Python >= 3.12); this keeps the app and the tests alive until then.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40  # more void calls than any session will ever make
_done = False


def pyside_leaks_none() -> bool:
    """True when calling a void PySide6 method takes a reference from `None`."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 32


def guard_none_refcount() -> bool:
    """Protect `None` from the bug if this PySide6 has it; True if protection was needed."""
    global _done
    if _done:
        return False
    _done = True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not pyside_leaks_none():
        return False
    # CPython objects start with their reference count (Py_ssize_t, PEP 3123 layout).
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += _EXTRA_REFERENCES
    return True
