"""Record ids: time-ordered UUIDs (version 7), so inserts land at the end of the key index."""

from __future__ import annotations

import re
import uuid

from screener.domain import new_id

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_new_ids_are_version_7_uuids_that_only_increase() -> None:
    ids = [new_id() for _ in range(5000)]
    assert all(_UUID.fullmatch(i) for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
