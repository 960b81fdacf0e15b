"""The audit log is append-only and hash-chained: edits behind Screener's back are found and
the damaged row is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import AuditReport, ClientIdentity
from screener.store.audit import GENESIS_HASH, canonical_details, row_hash
from screener.store.sqlite import Connection
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, raw_connection


@pytest.fixture
def logged(db_path: Path, clock: FixedClock) -> Path:
    """A database whose audit log has a dozen rows or so."""
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock) as session:
        for i in range(3):
            client = services.create_client(session, ClientIdentity(f"Pat{i}", "Doe"))
            services.get_client(session, client.id)
    return db_path


def _tamper(path: Path, *statements: str) -> None:
    conn = raw_connection(path)
    conn.execute("DROP TRIGGER audit_no_update")  # what someone with the key could do
    conn.execute("DROP TRIGGER audit_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def _verify(path: Path, clock: FixedClock) -> AuditReport:
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock) as session:
        return services.verify_audit(session)


def _kinds(report: AuditReport) -> list[tuple[int, str]]:
    return [(p.seq, p.kind) for p in report.problems]


def test_intact_log_verifies(logged: Path, clock: FixedClock) -> None:
    report = _verify(logged, clock)
    assert report.ok and report.rows_checked >= 10


def test_log_refuses_update_and_delete_through_sql(logged: Path) -> None:
    conn: Connection = raw_connection(logged)
    for sql in ("UPDATE audit SET username = 'x' WHERE seq = 2", "DELETE FROM audit WHERE seq = 2"):
        with pytest.raises(Exception, match="append-only"):
            conn.execute(sql)
    conn.close()


def test_changed_row_is_named(logged: Path, clock: FixedClock) -> None:
    _tamper(logged, "UPDATE audit SET username = 'someone_else' WHERE seq = 5")
    report = _verify(logged, clock)
    # the hash no longer matches, and neither does the author's signature
    assert _kinds(report) == [(5, "changed"), (5, "forged")]
    assert "row 5 was changed" in report.problems[0].message


def test_deleted_row_is_named(logged: Path, clock: FixedClock) -> None:
    _tamper(logged, "DELETE FROM audit WHERE seq = 4")
    report = _verify(logged, clock)
    assert (4, "deleted") in _kinds(report)
    assert "row 4 missing" in report.problems[0].message


def test_rows_deleted_from_the_end_are_found(logged: Path, clock: FixedClock) -> None:
    conn = raw_connection(logged)
    last = int(conn.execute("SELECT max(seq) FROM audit").fetchone()[0])
    conn.close()
    _tamper(logged, f"DELETE FROM audit WHERE seq >= {last - 1}")
    report = _verify(logged, clock)
    assert _kinds(report)[0] == (last - 1, "deleted")


def test_inserted_row_is_named(logged: Path, clock: FixedClock) -> None:
    conn = raw_connection(logged)
    last, prev = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    seq = last + 1
    details = canonical_details({})
    good_hash = row_hash(seq, "2026-11-25T20:00:00.000Z", "admin", "client.view", "client", "x",
                         details, prev)
    _tamper(logged, "INSERT INTO audit VALUES "
            f"({seq}, '2026-11-25T20:00:00.000Z', 'admin', 'client.view', 'client', 'x', "
            f"'{details}', '{prev}', '{good_hash}')")
    report = _verify(logged, clock)
    # A well-forged row still does not match the separately kept head of the chain.
    assert _kinds(report) == [(seq, "unsigned"), (seq, "inserted")]


def test_rewritten_row_with_recomputed_hash_breaks_the_chain_after_it(
    logged: Path, clock: FixedClock
) -> None:
    conn = raw_connection(logged)
    row = conn.execute("SELECT * FROM audit WHERE seq = 3").fetchone()
    conn.close()
    assert row is not None
    forged = row_hash(3, row[1], "intruder", *row[3:8])
    _tamper(logged, f"UPDATE audit SET username = 'intruder', hash = '{forged}' WHERE seq = 3")
    report = _verify(logged, clock)
    # row 3's hash was recomputed, but its author's signature cannot be
    assert _kinds(report) == [(3, "forged"), (4, "broken_chain")]
    assert "row 3 was rewritten" in report.problems[1].message


def test_first_row_links_to_the_genesis_hash(logged: Path) -> None:
    conn = raw_connection(logged)
    assert conn.execute("SELECT prev_hash FROM audit WHERE seq = 1").fetchone() == (GENESIS_HASH,)
    conn.close()


def test_audit_rows_hold_ids_not_personal_data(logged: Path) -> None:
    conn = raw_connection(logged)
    text = " ".join(str(v) for row in conn.execute("SELECT * FROM audit") for v in row)
    conn.close()
    assert "Pat0" not in text and "Doe" not in text


def test_details_that_look_like_text_are_refused() -> None:
    with pytest.raises(ValueError):
        canonical_details({"note": "x" * 500})
    with pytest.raises(ValueError):
        canonical_details({"Client Name": "x"})
