"""Days as people in Los Angeles count them: a stored UTC timestamp after 4 p.m. (5 p.m. in
summer) is already the next day in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from screener import services
from screener.clock import FixedClock, local_date, local_minute
from screener.domain import ClientIdentity


def test_local_date_of_an_evening_stamp_is_the_day_before_in_utc() -> None:
    assert local_date("2026-11-26T02:00:00.000Z") == date(2026, 11, 25)
    assert local_date("2026-11-26T09:00:00+00:00") == date(2026, 11, 26)
    assert local_date("2026-07-01T06:59:59Z") == date(2026, 6, 30)  # PDT, UTC-7


def test_clock_warnings_show_los_angeles_wall_time_across_the_dst_change() -> None:
    assert local_minute("2026-11-26T02:00:00.000Z") == "2026-11-25 18:00"  # PST, UTC-8
    assert local_minute("2026-07-01T06:59:59Z") == "2026-06-30 23:59"  # PDT, UTC-7
    # 2026-11-01 01:30 happens twice in Los Angeles; the second is PST
    assert local_minute("2026-11-01T09:30:00Z") == "2026-11-01 01:30"


def test_batch_packets_since_a_day_count_that_day_in_los_angeles(tmp_path: Path) -> None:
    evening = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC))  # Nov 24, 5 p.m. in LA
    db = tmp_path / "office.db"
    services.create_database(db, "admin", "office-password-1", evening)
    with services.open_session(db, "admin", "office-password-1", evening) as s:
        client = services.create_client(s, ClientIdentity("Rosa", "Example", dob="1984-06-02"))
        intake = services.start_intake(s, client.id, "intake", 1)
        for field_id, value in {
            "first_name": "Rosa", "last_name": "Example", "dob": "1984-06-02",
            "gender": "woman", "preferred_language": "en", "county_of_residence": "los_angeles",
            "in_custody": False, "release_date": "2026-10-01",
            "release_facility_type": "county_jail", "supervision_type": "probation_felony",
            "housing_status": "unsheltered",
        }.items():
            services.save_answer(s, intake.id, field_id, value)
        services.complete_intake(s, intake.id)
        evening.advance(hours=20)
        out = tmp_path / "out"
        on_24 = services.save_packets_for_program(s, "interim_housing", out,
                                                  since=date(2026, 11, 24))
        on_25 = services.save_packets_for_program(s, "interim_housing", out,
                                                  since=date(2026, 11, 25))
    assert len(on_24.written) == 1
    assert on_25.written == () and on_25.skipped == 1
