"""Staff profiles: the referring worker's name and contact details that packets print."""

from __future__ import annotations

from datetime import datetime

from screener.domain import StaffProfile
from screener.store.db import Database
from screener.store.stamps import timestamp

_COLUMNS = "display_name, agency, phone, email"


class ProfilesRepo:
    """The `staff_profiles` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, username: str) -> StaffProfile:
        """The account's profile (all fields None when it has none)."""
        row = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM staff_profiles WHERE username = ?", (username,)
        ).fetchone()
        return StaffProfile(username, *(row or (None, None, None, None)))

    def set(self, profile: StaffProfile, now: datetime) -> None:
        """Store the whole profile (fields None are cleared)."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO staff_profiles (username, {_COLUMNS}, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET "
                "display_name = excluded.display_name, agency = excluded.agency, "
                "phone = excluded.phone, email = excluded.email, "
                "updated_at = excluded.updated_at",
                (profile.username, profile.display_name, profile.agency, profile.phone,
                 profile.email, timestamp(now)),
            )
