"""Determinations, consents and the packet log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from screener.domain import Consent, Determination, JsonValue, PacketRecord
from screener.store.db import Database
from screener.store.intakes import encode_json
from screener.store.sqlite import Row
from screener.store.stamps import next_stamp, timestamp

_DETERMINATION_COLUMNS = (
    "id, intake_id, program_id, outcome, trace, rules_version, rules_hash, evaluated_at, "
    "evaluated_by, updated_at, device_id, seq"
)
_CONSENT_COLUMNS = (
    "id, client_id, intake_id, program_ids, signer, signed_at, expires_on, signature_png, "
    "recorded_by, revoked, revoked_at, revoked_by, updated_at, device_id, seq"
)
_PACKET_COLUMNS = (
    "id, client_id, intake_id, program_id, sections, printed_at, printed_by, referral_id"
)


@dataclass(frozen=True)
class ProgramOutcome:
    """One program's result, as handed to `DeterminationsRepo.record`."""

    id: str
    program_id: str
    outcome: str
    trace: JsonValue


def _determination(row: Row) -> Determination:
    values = list(row)
    values[4] = json.loads(values[4])
    return Determination(*values)


def _consent(row: Row) -> Consent:
    values = list(row)
    values[3] = tuple(json.loads(values[3]))
    values[9] = bool(values[9])
    return Consent(*values)


def _packet(row: Row) -> PacketRecord:
    values = list(row)
    values[4] = tuple(json.loads(values[4]))
    return PacketRecord(*values)


class DeterminationsRepo:
    """Eligibility results, one row per program per evaluation."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self, intake_id: str, outcomes: Sequence[ProgramOutcome], rules_version: str,
        rules_hash: str, by: str, now: datetime,
    ) -> tuple[Determination, ...]:
        """Store the outcomes of one evaluation of an intake (one transaction)."""
        at = timestamp(now)
        with self._db.transaction() as conn:
            for item in outcomes:
                stamp = next_stamp(conn, self._db.device_id, now)
                conn.execute(
                    f"INSERT INTO determinations ({_DETERMINATION_COLUMNS}) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (item.id, intake_id, item.program_id, item.outcome, encode_json(item.trace),
                     rules_version, rules_hash, at, by, stamp.updated_at, stamp.device_id,
                     stamp.seq),
                )
        return self.latest_for_intake(intake_id)

    def latest_for_intake(self, intake_id: str) -> tuple[Determination, ...]:
        """The newest determination of each program for an intake, by program id."""
        rows = self._db.conn.execute(
            f"SELECT {_DETERMINATION_COLUMNS} FROM determinations d WHERE intake_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM determinations n WHERE n.intake_id = d.intake_id "
            "AND n.program_id = d.program_id AND (n.evaluated_at, n.seq) > "
            "(d.evaluated_at, d.seq)) ORDER BY program_id",
            (intake_id,),
        ).fetchall()
        return tuple(_determination(r) for r in rows)


    def for_intake(self, intake_id: str) -> tuple[Determination, ...]:
        """Every determination of an intake, oldest first (the screenings it went through)."""
        rows = self._db.conn.execute(
            f"SELECT {_DETERMINATION_COLUMNS} FROM determinations WHERE intake_id = ? "
            "ORDER BY evaluated_at, seq", (intake_id,),
        ).fetchall()
        return tuple(_determination(r) for r in rows)

    def latest_outcomes(self, intake_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """For each intake: program id → (outcome, rules hash) of its newest determination."""
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for start in range(0, len(intake_ids), 500):
            chunk = intake_ids[start:start + 500]
            rows = self._db.conn.execute(
                "SELECT intake_id, program_id, outcome, rules_hash FROM determinations d "
                f"WHERE intake_id IN ({', '.join('?' * len(chunk))}) AND NOT EXISTS ("
                "SELECT 1 FROM determinations n WHERE n.intake_id = d.intake_id "
                "AND n.program_id = d.program_id "
                "AND (n.evaluated_at, n.seq) > (d.evaluated_at, d.seq))",
                chunk,
            )
            for intake_id, program_id, outcome, rules_hash in rows:
                out.setdefault(intake_id, {})[program_id] = (outcome, rules_hash)
        return out


class ConsentsRepo:
    """Signed consents (release of information) and their revocation."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self, consent_id: str, client_id: str, intake_id: str | None,
        program_ids: Sequence[str], signer: str, signed_at: datetime, expires_on: str | None,
        signature_png: bytes | None, by: str, now: datetime,
    ) -> Consent:
        """Record a signed consent."""
        with self._db.transaction() as conn:
            stamp = next_stamp(conn, self._db.device_id, now)
            conn.execute(
                f"INSERT INTO consents ({_CONSENT_COLUMNS}) "
                "VALUES (?,?,?,?,?,?,?,?,?,0,NULL,NULL,?,?,?)",
                (consent_id, client_id, intake_id, json.dumps(list(program_ids)), signer,
                 timestamp(signed_at), expires_on, signature_png, by, stamp.updated_at,
                 stamp.device_id, stamp.seq),
            )
        return self.require(consent_id)

    def revoke(self, consent_id: str, by: str, now: datetime) -> Consent:
        """Mark a consent revoked (it stays on record)."""
        with self._db.transaction() as conn:
            stamp = next_stamp(conn, self._db.device_id, now)
            conn.execute(
                "UPDATE consents SET revoked = 1, revoked_at = ?, revoked_by = ?, "
                "updated_at = ?, device_id = ?, seq = ? WHERE id = ?",
                (timestamp(now), by, stamp.updated_at, stamp.device_id, stamp.seq, consent_id),
            )
        return self.require(consent_id)

    def require(self, consent_id: str) -> Consent:
        """The consent with this id; KeyError if there is none."""
        row = self._db.conn.execute(
            f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE id = ?", (consent_id,)
        ).fetchone()
        if row is None:
            raise KeyError(consent_id)
        return _consent(row)

    def for_client(self, client_id: str) -> tuple[Consent, ...]:
        """A client's consents, oldest first (revoked ones included)."""
        rows = self._db.conn.execute(
            f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE client_id = ? ORDER BY signed_at, id",
            (client_id,),
        ).fetchall()
        return tuple(_consent(r) for r in rows)


class PacketsRepo:
    """The log of printed or saved packets."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def log(
        self, packet_id: str, client_id: str, intake_id: str | None, program_id: str,
        sections: Sequence[str], by: str, now: datetime, referral_id: str | None = None,
    ) -> PacketRecord:
        """Record that a packet was printed or saved."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO packets ({_PACKET_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
                (packet_id, client_id, intake_id, program_id, json.dumps(list(sections)),
                 timestamp(now), by, referral_id),
            )
        row = self._db.conn.execute(
            f"SELECT {_PACKET_COLUMNS} FROM packets WHERE id = ?", (packet_id,)
        ).fetchone()
        assert row is not None
        return _packet(row)

    def for_client(self, client_id: str) -> tuple[PacketRecord, ...]:
        """A client's packet log, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_PACKET_COLUMNS} FROM packets WHERE client_id = ? ORDER BY printed_at, id",
            (client_id,),
        ).fetchall()
        return tuple(_packet(r) for r in rows)
