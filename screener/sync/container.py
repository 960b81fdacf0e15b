"""The plaintext inside a bundle's encryption: a POSIX (ustar) tar stream, written and read
in pieces so that no whole payload is ever held in memory or written to disk.

A tar member needs its size in its header, so `changes.jsonl` is written as consecutive
members `changes/000001.jsonl`, `changes/000002.jsonl`, ... of at most `CHUNK_BYTES` each
(whole lines only); `cat changes/*.jsonl` is the whole `changes.jsonl`.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable, Iterator

from screener.errors import BundleError

BLOCK = 512
END_OF_ARCHIVE = b"\x00" * (2 * BLOCK)
CHUNK_BYTES = 1 << 20
#: The largest member a reader accepts (a chunk holds whole lines; one line may be large).
MAX_MEMBER = 16 << 20


def member(name: str, data: bytes, mtime: int) -> bytes:
    """One tar member: header, data, padding to the block size."""
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    info.mode = 0o600
    info.uname = info.gname = "screener"
    header = info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="strict")
    padding = (-len(data)) % BLOCK
    return header + data + b"\x00" * padding


def chunk_name(index: int) -> str:
    """The member name of the `index`-th (1-based) piece of changes.jsonl."""
    return f"changes/{index:06d}.jsonl"


class StreamReader(io.RawIOBase):
    """A readable file over a generator of byte pieces (what `pyrage.encrypt_io` pulls).

    An exception from the generator is kept in `error`, because the encryptor would turn it
    into a generic one.
    """

    def __init__(self, pieces: Iterator[bytes]) -> None:
        super().__init__()
        self._pieces = pieces
        self._buffer = b""
        self._offset = 0  # how much of `_buffer` was read (no memmove per small read)
        self._done = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        want = size if size is not None and size > 0 else CHUNK_BYTES
        try:
            while len(self._buffer) - self._offset < want and not self._done:
                piece = next(self._pieces, None)
                if piece is None:
                    self._done = True
                else:
                    self._buffer = self._buffer[self._offset:] + piece
                    self._offset = 0
        except BaseException as exc:
            self.error = exc
            raise
        out = self._buffer[self._offset:self._offset + want]
        self._offset += len(out)
        return out

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class TarPushReader:
    """Parses a tar stream fed in arbitrary pieces (what `pyrage.decrypt_io` writes).

    For every member it calls `on_start(name, size)`, then `on_data(piece)` with its
    content, then `on_end()`. Only regular files are allowed; anything after the end of the
    archive must be zero padding.
    """

    def __init__(
        self,
        on_start: Callable[[str, int], None],
        on_data: Callable[[bytes], None],
        on_end: Callable[[], None],
    ) -> None:
        self._on_start, self._on_data, self._on_end = on_start, on_data, on_end
        self._pending = bytearray()
        self._remaining = 0  # bytes of the current member's content still to come
        self._padding = 0
        self._in_member = False
        self._zero_blocks = 0
        self.finished = False

    def write(self, data: bytes) -> int:
        """Feed the next piece of plaintext."""
        view = memoryview(data)
        while view:
            if self._in_member:
                view = self._member_data(view)
            elif self._padding:
                take = min(self._padding, len(view))
                if any(view[:take]):
                    raise BundleError("The bundle's archive is damaged (bad padding).")
                self._padding -= take
                view = view[take:]
            else:
                take = min(BLOCK - len(self._pending), len(view))
                self._pending += view[:take]
                view = view[take:]
                if len(self._pending) == BLOCK:
                    self._header(bytes(self._pending))
                    self._pending.clear()
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered beyond one header block."""

    def _member_data(self, view: memoryview) -> memoryview:
        take = min(self._remaining, len(view))
        if take:
            self._on_data(bytes(view[:take]))
        self._remaining -= take
        if self._remaining == 0:
            self._in_member = False
            self._on_end()
        return view[take:]

    def _header(self, block: bytes) -> None:
        if self.finished:
            if any(block):
                raise BundleError("The bundle's archive has data after its end.")
            return
        if not any(block):
            self._zero_blocks += 1
            self.finished = self._zero_blocks == 2
            return
        if self._zero_blocks:
            raise BundleError("The bundle's archive is damaged (a member after an empty block).")
        try:
            info = tarfile.TarInfo.frombuf(block, "utf-8", "strict")
        except (tarfile.HeaderError, UnicodeDecodeError):
            raise BundleError("The bundle's archive is damaged (bad member header).") from None
        if not info.isreg() or info.size > MAX_MEMBER:
            raise BundleError("The bundle's archive holds something other than bundle files.")
        self._on_start(info.name, info.size)
        self._remaining = info.size
        self._padding = (-info.size) % BLOCK
        self._in_member = True
        if info.size == 0:
            self._in_member = False
            self._on_end()

    def close(self) -> None:
        """Check that the archive ended properly (not truncated)."""
        if not self.finished or self._pending or self._in_member or self._padding:
            raise BundleError("The bundle's archive is incomplete.")
