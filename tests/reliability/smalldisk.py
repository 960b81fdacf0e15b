"""A small disk to fill: a 1 MB tmpfs mounted for the test (root only), and a filler file
that leaves exactly the free space wanted."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SIZE = "1m"
FILLER = "filler.bin"
PAGE = 4096


def mount_tmpfs(mountpoint: Path, size: str = SIZE) -> str | None:
    """Mount a tmpfs of `size` at `mountpoint`; None on success, else why it failed."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        return "no mount command"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(mountpoint)], capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


def unmount(mountpoint: Path) -> None:
    """Unmount (lazily, so an open file cannot keep it busy)."""
    subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


@cache
def mounting_refused(probe_parent: str) -> str | None:
    """None if this process may mount a tmpfs, else the reason (checked once)."""
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    probe = Path(probe_parent) / "screener-mount-probe"
    why = mount_tmpfs(probe, "64k")
    if why is None:
        unmount(probe)
    with contextlib.suppress(OSError):
        probe.rmdir()
    return why


@contextlib.contextmanager
def small_disk(mountpoint: Path) -> Iterator[Path]:
    """A fresh 1 MB tmpfs at `mountpoint` for the duration of the block."""
    why = mount_tmpfs(mountpoint)
    if why is not None:
        raise RuntimeError(f"cannot mount a tmpfs: {why}")
    try:
        yield mountpoint
    finally:
        unmount(mountpoint)


def free_bytes(folder: Path) -> int:
    """Bytes still free for an ordinary user of the file system holding `folder`."""
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def fill(folder: Path, leave: int) -> None:
    """Grow the filler file in `folder` until only `leave` bytes (rounded to pages) are free."""
    path = folder / FILLER
    want = max(0, free_bytes(folder) - leave)
    with path.open("ab") as out:
        if want:
            try:
                os.posix_fallocate(out.fileno(), out.tell(), want)
            except OSError:
                out.write(b"\0" * want)


def empty(folder: Path) -> None:
    """Remove everything in `folder` (a mount point stays)."""
    for path in folder.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
