"""Crash-safe replacement of small files (the keys file).

The new content goes to a temporary file in the same folder, is fsynced, then renamed over the
old file with `os.replace` (atomic on POSIX and Windows), and finally the folder is fsynced so
the rename itself survives a power loss. A reader therefore sees either the old or the new
file, never a torn one. The same pattern as Electrum's `storage.py` and KeePassXC's QSaveFile.

Every failure (a full disk, an I/O error in a write, an fsync or the rename) is reported as
FileWriteError naming the file: a write is never reported as done unless all of it, the
folder's fsync included, succeeded.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from screener import platform
from screener.errors import FileWriteError

#: Only the owner may read or write key material.
PRIVATE_MODE = platform.PRIVATE_FILE_MODE


#: fsync of a folder where the file system does not support it (nothing to flush).
_DIR_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})


def reason(exc: OSError) -> str:
    """Why a file operation failed, as a person reads it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full (no space left on the device)"
    return exc.strerror or type(exc).__name__


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk.

    A no-op on Windows (folders cannot be opened; NTFS journals renames itself) and where
    the file system does not support it; any other failure raises OSError, because the
    rename it was meant to make durable may be lost.
    """
    if not platform.current().can_fsync_folders:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, *, mode: int = PRIVATE_MODE) -> Iterator[BinaryIO]:
    """A file to write that replaces `path` atomically and durably when the block ends.

    If the block raises, the temporary file is removed and `path` is left as it was; an
    OSError (from the block or from writing) becomes FileWriteError.
    """
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(f"{path} could not be written: {reason(exc)}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        platform.current().set_mode(tmp, mode)  # owner-only: a DACL on Windows
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise FileWriteError(f"{path} could not be written: {reason(exc)}. "
                                 "Nothing was changed.") from None
        raise
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise FileWriteError(f"{path} was written, but the disk did not confirm it: "
                             f"{reason(exc)}. Do not rely on it; try again.",
                             replaced=True) from None


def atomic_write(path: Path, data: bytes, *, mode: int = PRIVATE_MODE) -> None:
    """Replace `path` with `data` atomically and durably."""
    with atomic_output(path, mode=mode) as out:
        out.write(data)
