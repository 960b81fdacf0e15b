"""Process-wide protections that keep personal data off the disk (DESIGN §6).

Called once at start-up by the command line and the desktop app.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

_PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """No core file may hold decrypted records: RLIMIT_CORE 0 and, on Linux, not dumpable."""
    try:
        import resource
    except ImportError:  # Windows: no core dumps of this kind
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc_name = ctypes.util.find_library("c")
        if libc_name:
            libc = ctypes.CDLL(libc_name, use_errno=True)
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def harden_process() -> None:
    """Everything above, plus a private umask so files we create are ours alone."""
    disable_core_dumps()
    os.umask(0o077)
