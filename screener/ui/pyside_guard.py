"""A guard against a PySide6 6.12.0 reference-count bug on Python 3.11.

PySide6 6.12.0 (an abi3 wheel) returns `None` from every void method (`setText`,
`setVisible`, ...) and `True` from every `Signal.emit()` without taking a reference to them.
From Python 3.12 these singletons are immortal and nothing happens; on Python 3.11 each call
takes one reference away, and after some thousands of calls CPython aborts with
"none_dealloc: deallocating None" or "bool_dealloc: deallocating True or False" (or crashes
later, having freed a singleton). PySide6 6.11.2 does not have the bug (checked on this
machine with the same Python).

`guard_none_refcount()` measures whether the running PySide6 has the bug and, only then, gives
`None`, `True` and `False` a very large number of extra references so they can never reach
zero, which is what Python 3.12 does for them by design. It is idempotent and cheap. The real
fix is a PySide6 without the bug (or Python >= 3.12); this keeps the app and the tests alive
until then: call it once at start-up, after importing PySide6.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40  # more void calls than any session will ever make
_done = False


def pyside_leaks_none() -> bool:
    """True when PySide6 takes references from `None` (void methods) or `True` (emit)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(64):
        probe.setObjectName("probe")
        probe.objectNameChanged.emit("probe")
    return sys.getrefcount(None) <= none - 32 or sys.getrefcount(True) <= true - 32


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
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _EXTRA_REFERENCES
    return True
