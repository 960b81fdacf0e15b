"""changes.jsonl goes into the archive in pieces of whole lines, at most a chunk each,
whether the lines come one by one or in blocks of several (as the export hands them on)."""

from __future__ import annotations

import random

import pytest

from screener.sync import bundle
from screener.sync.container import CHUNK_BYTES, TarPushReader


def _pieces(items: list[tuple[str, bytes]]) -> tuple[list[bytes], dict[str, int]]:
    """The changes/ members `_plaintext` writes for `items`, and the manifest's counts."""
    state: dict[str, object] = {}

    class Manifest:
        device_id = "d"

        def to_bytes(self) -> bytes:
            return b"{}"

    members: list[tuple[str, bytearray]] = []
    reader = TarPushReader(lambda name, size: members.append((name, bytearray())),
                           lambda piece: members[-1][1].extend(piece), lambda: None)
    original = bundle.replace

    def capture(manifest: object, **changes: object) -> Manifest:
        state.update(changes)
        return Manifest()

    bundle.replace = capture  # type: ignore[assignment]
    try:
        for piece in bundle._plaintext(Manifest(), items, bytes(32), 0, {}, None):  # type: ignore[arg-type]
            reader.write(piece)
    finally:
        bundle.replace = original
    reader.close()
    counts = dict(state["counts"])  # type: ignore[call-overload]
    return [bytes(d) for n, d in members if n.startswith("changes/")], counts


@pytest.mark.parametrize("seed", range(40))
def test_blocks_of_lines_make_chunks_of_whole_lines(seed: int) -> None:
    rng = random.Random(seed)
    sizes = [1, 10, 1000, 100_000, 400_000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 5]
    lines = [b"a" * (rng.choice(sizes) - 1) + b"\n" for _ in range(rng.randint(0, 30))]
    items, i = [], 0
    while i < len(lines):
        k = rng.randint(1, 8)
        items.append(("answer", b"".join(lines[i:i + k])))
        i += k
    chunks, counts = _pieces(items)
    assert b"".join(chunks) == b"".join(lines)
    assert counts == ({"answer": len(lines)} if lines else {})
    for chunk in chunks:
        assert chunk.endswith(b"\n")
        assert len(chunk) <= CHUNK_BYTES or chunk.count(b"\n") == 1  # a long line alone
    for chunk, after in zip(chunks, chunks[1:], strict=False):  # each one as full as it goes
        assert len(chunk) + after.index(b"\n") + 1 > CHUNK_BYTES
