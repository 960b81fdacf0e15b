"""The intakes, answers and answer_history tables."""

from __future__ import annotations

import json
from datetime import datetime
from json.encoder import encode_basestring as _quote

from screener.domain import Answer, AnswerVersion, Intake, IntakeStatus, JsonValue, new_id
from screener.store.db import Database
from screener.store.sqlite import Row
from screener.store.stamps import next_stamp, timestamp

_INTAKE_COLUMNS = (
    "id, client_id, form_id, form_version, status, current_section, current_question, "
    "started_at, started_by, completed_at, completed_by, updated_at, device_id, seq"
)
_ANSWER_COLUMNS = (
    "id, intake_id, field_id, value, reason, entered_at, entered_by, updated_at, device_id, seq"
)


_SCALARS = {True: "true", False: "false", None: "null"}


def encode_json(value: JsonValue) -> str:
    """Canonical JSON text; ValueError/TypeError if `value` is not plain JSON data."""
    if value is True or value is False or value is None:  # the common answers: no json call
        return _SCALARS[value]
    if isinstance(value, str):  # what json.dumps does for a str, without its set-up
        return str(_quote(value))
    if isinstance(value, int):  # (bool was handled above)
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True,
                      separators=(",", ":"))


def _intake(row: Row) -> Intake:
    values = list(row)
    values[4] = IntakeStatus(values[4])
    return Intake(*values)


def _answer(row: Row) -> Answer:
    values = list(row)
    values[3] = json.loads(values[3])
    return Answer(*values)


class IntakesRepo:
    """Intake records: creation, resume position, completion."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def insert(
        self, intake_id: str, client_id: str, form_id: str, form_version: int, by: str,
        now: datetime,
    ) -> Intake:
        """Start a draft intake."""
        with self._db.transaction() as conn:
            stamp = next_stamp(conn, self._db.device_id, now)
            conn.execute(
                f"INSERT INTO intakes ({_INTAKE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, 'draft', NULL, NULL, ?, ?, NULL, NULL, ?, ?, ?)",
                (intake_id, client_id, form_id, form_version, timestamp(now), by,
                 stamp.updated_at, stamp.device_id, stamp.seq),
            )
        return self.require(intake_id)

    def get(self, intake_id: str) -> Intake | None:
        """The intake with this id, or None."""
        row = self._db.conn.execute(
            f"SELECT {_INTAKE_COLUMNS} FROM intakes WHERE id = ?", (intake_id,)
        ).fetchone()
        return None if row is None else _intake(row)

    def require(self, intake_id: str) -> Intake:
        """The intake with this id; KeyError if there is none."""
        intake = self.get(intake_id)
        if intake is None:
            raise KeyError(intake_id)
        return intake

    def for_client(self, client_id: str) -> tuple[Intake, ...]:
        """A client's intakes, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_INTAKE_COLUMNS} FROM intakes WHERE client_id = ? ORDER BY started_at, id",
            (client_id,),
        ).fetchall()
        return tuple(_intake(r) for r in rows)

    def count_latest_complete(self, form_id: str) -> int:
        """How many clients have a completed intake of `form_id`."""
        row = self._db.conn.execute(
            "SELECT count(DISTINCT client_id) FROM intakes WHERE form_id = ? "
            "AND status = 'complete'", (form_id,),
        ).fetchone()
        return 0 if row is None else int(row[0])

    def latest_complete_page(
        self, form_id: str, after_client: str, limit: int
    ) -> list[tuple[str, str]]:
        """(client id, intake id) of each client's latest completed intake of `form_id`,
        for clients after `after_client` in id order (keyset paging over all clients)."""
        rows = self._db.conn.execute(
            "SELECT client_id, id FROM intakes i WHERE form_id = ? AND status = 'complete' "
            "AND client_id > ? AND NOT EXISTS (SELECT 1 FROM intakes n "
            "WHERE n.client_id = i.client_id AND n.form_id = i.form_id "
            "AND n.status = 'complete' AND (n.completed_at, n.seq) > (i.completed_at, i.seq)) "
            "ORDER BY client_id LIMIT ?",
            (form_id, after_client, limit),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def set_position(
        self, intake_id: str, section: str | None, question: str | None, now: datetime
    ) -> Intake:
        """Remember where the questionnaire is, for resuming."""
        return self._update(
            intake_id, "current_section = ?, current_question = ?", (section, question), now
        )

    def complete(self, intake_id: str, by: str, now: datetime) -> Intake:
        """Mark an intake complete."""
        return self._update(
            intake_id, "status = 'complete', completed_at = ?, completed_by = ?",
            (timestamp(now), by), now,
        )

    def _update(
        self, intake_id: str, assignments: str, values: tuple[object, ...], now: datetime
    ) -> Intake:
        with self._db.transaction() as conn:
            stamp = next_stamp(conn, self._db.device_id, now)
            conn.execute(
                f"UPDATE intakes SET {assignments}, updated_at = ?, device_id = ?, seq = ? "
                "WHERE id = ?",
                (*values, stamp.updated_at, stamp.device_id, stamp.seq, intake_id),
            )
        return self.require(intake_id)


class AnswersRepo:
    """Answers (one row per intake and field) and their history."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def values_for_intakes(self, intake_ids: list[str]) -> dict[str, dict[str, JsonValue]]:
        """The current answer values of several intakes: intake id → field id → value."""
        out: dict[str, dict[str, JsonValue]] = {i: {} for i in intake_ids}
        for start in range(0, len(intake_ids), 500):
            chunk = intake_ids[start:start + 500]
            rows = self._db.conn.execute(
                "SELECT intake_id, field_id, value FROM answers WHERE intake_id IN "
                f"({', '.join('?' * len(chunk))})", chunk,
            )
            for intake_id, field_id, value in rows:
                out[intake_id][field_id] = json.loads(value)
        return out

    def get(self, intake_id: str, field_id: str) -> Answer | None:
        """The current answer, or None if the field was never answered."""
        row = self._db.conn.execute(
            f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE intake_id = ? AND field_id = ?",
            (intake_id, field_id),
        ).fetchone()
        return None if row is None else _answer(row)

    def for_intake(self, intake_id: str) -> tuple[Answer, ...]:
        """Every current answer of an intake, by field id."""
        rows = self._db.conn.execute(
            f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE intake_id = ? ORDER BY field_id",
            (intake_id,),
        ).fetchall()
        return tuple(_answer(r) for r in rows)

    def save(
        self, intake_id: str, field_id: str, value: JsonValue, reason: str | None, by: str,
        now: datetime,
    ) -> tuple[Answer, bool]:
        """Set an answer, moving the earlier value to the history.

        Returns the answer and whether anything changed (saving the same value is a no-op).
        """
        text = encode_json(value)
        at = timestamp(now)
        with self._db.transaction() as conn:
            current = conn.execute(
                "SELECT id, value FROM answers WHERE intake_id = ? AND field_id = ?",
                (intake_id, field_id),
            ).fetchone()
            if current is not None and current[1] == text:
                changed = False
            else:
                changed = True
                stamp = next_stamp(conn, self._db.device_id, now)
                if current is None:
                    conn.execute(
                        f"INSERT INTO answers ({_ANSWER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (new_id(), intake_id, field_id, text, reason, at, by,
                         stamp.updated_at, stamp.device_id, stamp.seq),
                    )
                else:
                    conn.execute(
                        "INSERT INTO answer_history (answer_id, value, reason, entered_at, "
                        "entered_by, updated_at, device_id, replaced_at, replaced_by) "
                        "SELECT id, value, reason, entered_at, entered_by, updated_at, "
                        "device_id, ?, ? FROM answers WHERE id = ?",
                        (at, by, current[0]),
                    )
                    conn.execute(
                        "UPDATE answers SET value = ?, reason = ?, entered_at = ?, "
                        "entered_by = ?, updated_at = ?, device_id = ?, seq = ? WHERE id = ?",
                        (text, reason, at, by, stamp.updated_at, stamp.device_id, stamp.seq,
                         current[0]),
                    )
        answer = self.get(intake_id, field_id)
        assert answer is not None
        return answer, changed

    def history(self, intake_id: str, field_id: str) -> tuple[AnswerVersion, ...]:
        """Every value the answer has had, oldest first, the current one last."""
        current = self.get(intake_id, field_id)
        if current is None:
            return ()
        rows = self._db.conn.execute(
            "SELECT value, reason, entered_at, entered_by, replaced_at, replaced_by "
            "FROM answer_history WHERE answer_id = ? ORDER BY id",
            (current.id,),
        ).fetchall()
        earlier = tuple(AnswerVersion(json.loads(r[0]), *r[1:]) for r in rows)
        latest = AnswerVersion(
            current.value, current.reason, current.entered_at, current.entered_by, None, None
        )
        return (*earlier, latest)
