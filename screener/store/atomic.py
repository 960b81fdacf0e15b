"""Crash-safe replacement of small files (the keys file).

The new content goes to a temporary file in the same folder, is fsynced, then renamed over the
old file with `os.replace` (atomic on POSIX and Windows), and finally the folder is fsynced so
the rename itself survives a power loss. A reader therefore sees either the old or the new
file, never a torn one. The same pattern as Electrum's `storage.py` and KeePassXC's QSaveFile.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

#: Only the owner may read or write key material.
PRIVATE_MODE = 0o600


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk; a no-op where unsupported."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; NTFS journals renames itself
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, *, mode: int = PRIVATE_MODE) -> Iterator[BinaryIO]:
    """A file to write that replaces `path` atomically and durably when the block ends.

    If the block raises, the temporary file is removed and `path` is left as it was.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def atomic_write(path: Path, data: bytes, *, mode: int = PRIVATE_MODE) -> None:
    """Replace `path` with `data` atomically and durably."""
    with atomic_output(path, mode=mode) as out:
        out.write(data)


def atomic_write_keeping_backup(path: Path, data: bytes, backup: Path) -> None:
    """Replace `path` with `data`, first saving the current content (if any) to `backup`.

    Both steps are atomic, so after a crash at any point `path` holds either the old or the
    new content, and `backup` holds the version before the last completed write.
    """
    if path.exists():
        atomic_write(backup, path.read_bytes())
    atomic_write(path, data)
