"""Follow-ups of urgent flags: who did what, when (schema 7)."""

from __future__ import annotations

from datetime import datetime

from screener.domain import FlagFollowup
from screener.store.db import Database
from screener.store.stamps import timestamp

_COLUMNS = "id, intake_id, flag_id, action, done_by, done_at"


class FollowupsRepo:
    """The steps taken after an urgent flag, per intake."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, followup_id: str, intake_id: str, flag_id: str, action: str, by: str,
               now: datetime) -> FlagFollowup:
        """Record one follow-up step (the caller audits it in the same transaction)."""
        followup = FlagFollowup(followup_id, intake_id, flag_id, action, by, timestamp(now))
        with self._db.transaction() as conn:
            conn.execute(f"INSERT INTO flag_followups ({_COLUMNS}) VALUES (?,?,?,?,?,?)",
                         (followup.id, followup.intake_id, followup.flag_id, followup.action,
                          followup.done_by, followup.done_at))
        return followup

    def for_intake(self, intake_id: str) -> tuple[FlagFollowup, ...]:
        """An intake's follow-ups, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM flag_followups WHERE intake_id = ? ORDER BY done_at, id",
            (intake_id,)).fetchall()
        return tuple(FlagFollowup(*row) for row in rows)
