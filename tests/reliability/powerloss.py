"""Power loss, simulated: what a folder holds after the power goes, given every file system
call a process made (recorded with strace) — only what was fsynced survives.

The model (the pessimistic reading of POSIX, and what ext4 and XFS may really leave):
* file data written with write/pwrite64 or cut with ftruncate reaches the disk at the next
  fsync/fdatasync of that file; everything after the last one is lost ("drop" mode), or a
  random part of it survives in 512-byte sectors, in any order ("torn" mode);
* creating, renaming and removing a name reaches the disk at the next fsync of its folder;
* the files' state before the traced process started counts as on disk.

`Disk` replays a strace log (`strace -f -y -xx`) and `Disk.crash_image` writes the folder as
it would be found after the reboot.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: The system calls the model needs (and strace must record).
TRACED = ("openat,open,creat,write,pwrite64,lseek,fsync,fdatasync,ftruncate,"
          "rename,renameat,renameat2,unlink,unlinkat,close")
_LINE = re.compile(r"^(\d+) +(\w+)\((.*)\) += (-?\d+|\?)")
_UNFINISHED = re.compile(r"^(\d+) +(.*) <unfinished \.\.\.>$")
_RESUMED = re.compile(r"^(\d+) +<\.\.\. \w+ resumed>(.*)$")
_FD = re.compile(r"^(-?\d+|AT_FDCWD)(?:<((?:\\x[0-9a-f]{2})*)>)?$")
_STRING = re.compile(r'^"((?:\\x[0-9a-f]{2})*)"(\.\.\.)?$')
SECTOR = 512


def _hex(text: str) -> bytes:
    return bytes.fromhex(text.replace("\\x", ""))


def _args(raw: str) -> list[str]:
    """Top-level arguments (strings and paths are hex-escaped, so ', ' only separates)."""
    return [a.strip() for a in raw.split(", ")] if raw else []


def _joined(lines: list[str]) -> list[str]:
    """Lines with each call that another thread interrupted put back together; a call
    still unfinished when the process died is dropped (it never returned)."""
    partial: dict[str, str] = {}
    out = []
    for line in lines:
        cut = _UNFINISHED.match(line)
        if cut:
            partial[cut.group(1)] = f"{cut.group(1)} {cut.group(2)}"
            continue
        resumed = _RESUMED.match(line)
        if resumed:
            head = partial.pop(resumed.group(1), None)
            if head is not None:
                out.append(head + resumed.group(2))
            continue
        out.append(line)
    return out


def _path(arg: str) -> str | None:
    match = _FD.match(arg)
    return _hex(match.group(2)).decode("utf-8", "surrogateescape") if match and match.group(2) else None


def _string(arg: str) -> bytes:
    match = _STRING.match(arg)
    if match is None or match.group(2):
        raise ValueError(f"strace cut a buffer short (raise -s): {arg[:60]}")
    return _hex(match.group(1))


@dataclass
class _Inode:
    durable: bytearray
    live: bytearray
    pending: list[tuple[int, bytes | int]] = field(default_factory=list)  # (offset, data|size)

    def write(self, offset: int, data: bytes) -> None:
        end = offset + len(data)
        if len(self.live) < end:
            self.live.extend(b"\0" * (end - len(self.live)))
        self.live[offset:end] = data
        self.pending.append((offset, data))

    def truncate(self, size: int) -> None:
        del self.live[size:]
        self.live.extend(b"\0" * (size - len(self.live)))
        self.pending.append((-1, size))

    def sync(self) -> None:
        self.durable = bytearray(self.live)
        self.pending.clear()


class Disk:
    """The files of one folder: what the process saw (live) and what is on disk (durable)."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder.resolve())
        self._inodes: list[_Inode] = []
        self.live: dict[str, int] = {}
        self.durable: dict[str, int] = {}
        self._positions: dict[tuple[str, int], int] = {}
        self.syscalls = 0
        for path in sorted(folder.iterdir()):
            if path.is_file():
                data = path.read_bytes()
                self._inodes.append(_Inode(bytearray(data), bytearray(data)))
                self.live[path.name] = self.durable[path.name] = len(self._inodes) - 1

    def _name(self, path: str | None) -> str | None:
        """The file's name if `path` is directly in our folder."""
        if path is None:
            return None
        head, _, name = os.path.normpath(path).rpartition("/")
        return name if head == self.folder else None

    def _inode(self, path: str | None) -> _Inode | None:
        name = self._name(path)
        return self._inodes[self.live[name]] if name in self.live else None

    def replay(self, log: Path, cwd: Path) -> None:
        """Apply every recorded call that touches the folder."""
        for line in _joined(log.read_text("ascii").splitlines()):
            match = _LINE.match(line)
            if match is None or match.group(4) == "?" or int(match.group(4)) < 0:
                continue  # unfinished (killed inside the call), failed, or not a call
            pid, call, args, result = match.group(1), match.group(2), _args(match.group(3)), int(match.group(4))
            self.syscalls += 1
            self._apply(pid, call, args, result, str(cwd.resolve()))

    def _abs(self, arg: str, cwd: str, base: str | None = None) -> str:
        raw = _string(arg).decode("utf-8", "surrogateescape")
        return raw if raw.startswith("/") else os.path.join(base or cwd, raw)

    def _apply(self, pid: str, call: str, args: list[str], result: int, cwd: str) -> None:
        if call in ("openat", "open", "creat"):
            path_arg, flags = (args[1], args[2]) if call == "openat" else (args[0], args[1])
            base = _path(args[0]) if call == "openat" else None
            name = self._name(self._abs(path_arg, cwd, base))
            if name is None:
                return
            if name not in self.live and ("O_CREAT" in flags or call == "creat"):
                self._inodes.append(_Inode(bytearray(), bytearray()))
                self.live[name] = len(self._inodes) - 1
            if "O_TRUNC" in flags and name in self.live:
                self._inodes[self.live[name]].truncate(0)
            self._positions[(pid, result)] = 0
        elif call in ("write", "pwrite64"):
            inode = self._inode(_path(args[0]))
            if inode is None:
                return
            fd = int(args[0].split("<")[0])
            offset = int(args[3]) if call == "pwrite64" else self._positions.get((pid, fd), 0)
            inode.write(offset, _string(args[1])[:result])
            if call == "write":
                self._positions[(pid, fd)] = offset + result
        elif call == "lseek":
            self._positions[(pid, int(args[0].split("<")[0]))] = result
        elif call == "ftruncate":
            inode = self._inode(_path(args[0]))
            if inode is not None:
                inode.truncate(int(args[1]))
        elif call in ("fsync", "fdatasync"):
            path = _path(args[0])
            if path is not None and os.path.normpath(path) == self.folder:
                self.durable = dict(self.live)  # the folder's entries
            inode = self._inode(path)
            if inode is not None:
                inode.sync()
        elif call in ("rename", "renameat", "renameat2"):
            old, new = (args[0], args[1]) if call == "rename" else (args[1], args[3])
            old_name = self._name(self._abs(old, cwd))
            new_name = self._name(self._abs(new, cwd))
            if old_name in self.live and new_name is not None:
                self.live[new_name] = self.live.pop(old_name)
        elif call in ("unlink", "unlinkat"):
            name = self._name(self._abs(args[0] if call == "unlink" else args[1], cwd))
            self.live.pop(name or "", None)

    def crash_image(self, target: Path, rng: random.Random | None = None) -> dict[str, int]:
        """Write the folder as found after the power loss into `target` (emptied first).

        With `rng` ("torn" mode) a random part of the unsynced data survives as well.
        Returns the number of unsynced bytes per file name.
        """
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        lost: dict[str, int] = {}
        for name, number in self.durable.items():
            inode = self._inodes[number]
            data = bytearray(inode.durable)
            for offset, item in inode.pending:
                if rng is None or rng.random() < 0.5:
                    continue
                if isinstance(item, int):
                    del data[item:]
                    data.extend(b"\0" * (item - len(data)))
                    continue
                keep = len(item) if rng.random() < 0.5 else rng.randint(0, len(item) // SECTOR) * SECTOR
                piece = item[:keep]
                if len(data) < offset + len(piece):
                    data.extend(b"\0" * (offset + len(piece) - len(data)))
                data[offset:offset + len(piece)] = piece
            lost[name] = sum(len(i) for _, i in inode.pending if isinstance(i, bytes))
            (target / name).write_bytes(bytes(data))
        return lost


def strace_command(log: Path, command: list[str]) -> list[str]:
    """`command` under strace, recording what `Disk.replay` needs into `log`."""
    return ["strace", "-f", "-qq", "-y", "-xx", "-s", "1048576", "-o", str(log),
            "-e", f"trace={TRACED}", *command]


def strace_works() -> bool:
    """True if strace can trace a child here (it needs ptrace)."""
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-qq", "-o", os.devnull, "true"], capture_output=True)
    return probe.returncode == 0
