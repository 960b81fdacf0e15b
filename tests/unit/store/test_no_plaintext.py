"""No personal data in plaintext on disk: not in the database, its WAL and shared-memory
files, nor the keys file (DESIGN §6, §10)."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity
from screener.store.keyslots import backup_path_for, keys_path_for
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, file_bytes

NAME = "Quokkaberry"
FIRST = "Zyxwaldina"
DOB = "1971-02-03"
PHONE = "(213) 867-5309"
NOTE = "sleeps behind the Zyxwvut laundromat"


def _forms(text: str) -> list[bytes]:
    """`text` as it could appear in a file: UTF-8, UTF-16 (both byte orders), base64 (at all
    three alignments, without the edge characters that depend on neighbouring bytes)."""
    raw = text.encode("utf-8")
    forms = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for pad in range(3):
        core = base64.b64encode(b"\0" * pad + raw)[3:-3]
        if len(core) >= 8:  # shorter runs would turn up in random bytes now and then
            forms.append(core)
    return forms


def _leaks(files: list[Path], secrets: list[str]) -> list[str]:
    found = []
    for path in files:
        data = file_bytes(path)
        for secret in secrets:
            if any(form in data for form in _forms(secret)):
                found.append(f"{secret!r} in {path.name}")
    return found


def test_the_leak_finder_finds_leaks(tmp_path: Path) -> None:
    for form in _forms(NAME)[:3] + [base64.b64encode(b"xx" + NAME.encode())]:
        plain = tmp_path / "plain"
        plain.write_bytes(b"header" + form + b"trailer")
        assert _leaks([plain], [NAME]), form


def test_records_leave_no_plaintext_in_any_file(db_path: Path, clock: FixedClock) -> None:
    secrets = [NAME, FIRST, DOB, DOB.replace("-", ""), "2138675309", "8675309", NOTE,
               "Zyxwvut"]
    folder = db_path.parent
    session = services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    client = services.create_client(
        session,
        ClientIdentity(FIRST, NAME, dob=DOB, phone=PHONE, booking_number="BK-QX-99127"),
    )
    intake = services.start_intake(session, client.id, "intake", 1)
    services.save_answer(session, intake.id, "last_name", NAME)
    services.save_answer(session, intake.id, "race_ethnicity_detail", NOTE)
    services.save_answer(session, intake.id, "children", [{"child_first_name": f"{FIRST} Jr", "child_age": 7}])
    session.repos.consents.add(
        "c0ffee00-0000-4000-8000-000000000001", client.id, intake.id, ["interim_housing"],
        f"{FIRST} {NAME}", clock.now(), date(2027, 11, 25).isoformat(), b"\x89PNG fake",
        ADMIN, clock.now(),
    )
    assert services.find_clients(session, NAME[:5]).clients  # the search index is populated
    wal = folder / "screener.db-wal"
    assert wal.exists() and wal.stat().st_size > 0  # the check covers the live WAL too
    files = [db_path, wal, folder / "screener.db-shm", keys_path_for(db_path),
             backup_path_for(keys_path_for(db_path))]
    assert _leaks(files, secrets) == []
    session.close()
    assert _leaks(sorted(p for p in folder.iterdir() if p.is_file()), secrets) == []
