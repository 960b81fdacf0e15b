"""Child process: re-encrypts the database (`services.rekey_database`), optionally killing
itself with SIGKILL at one step of the rekey.

Usage: python rekeyer.py DB [STEP]

Prints `ready PID` once signed in, `done` when the rekey returned. STEP (0-based) counts the
rekey's file steps in order: the copy made, the keys file with the next key written, the
copy renamed over the database, the keys file with the next key made current; the child
kills itself right after that step.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screener import services
from screener.clock import SystemClock
from screener.services import users


def main() -> None:
    db = Path(sys.argv[1])
    die_at = int(sys.argv[2]) if len(sys.argv) > 2 else -1
    steps = [0]

    def step(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            result = fn(*args, **kwargs)
            if steps[0] == die_at:
                os.kill(os.getpid(), signal.SIGKILL)
            steps[0] += 1
            return result
        return wrapped

    for name in ("export_rekeyed", "save_keys_file", "swap_in"):
        setattr(users, name, step(getattr(users, name)))
    session = services.open_session(db, "admin", "admin-password-1", SystemClock())
    print("ready", os.getpid(), flush=True)
    services.rekey_database(session)
    session.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
