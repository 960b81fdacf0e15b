"""The one date parser: MM/DD/YYYY, M/D/YY and YYYY-MM-DD, read back in words."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.dates import NotADate, date_in_words, looks_like_date, read_date


@pytest.mark.parametrize("text", ["04/12/1988", "4/12/1988", "4/12/88", "1988-04-12",
                                  " 04-12-1988 ", "4.12.88"])
def test_every_way_staff_type_a_date_is_the_same_day(text: str) -> None:
    assert read_date(text) == date(1988, 4, 12)


def test_two_digit_years_before_50_are_this_century() -> None:
    assert read_date("10/1/26") == date(2026, 10, 1)
    assert read_date("10/1/49") == date(2049, 10, 1)
    assert read_date("10/1/50") == date(1950, 10, 1)


@pytest.mark.parametrize(("text", "impossible"), [
    ("02/30/1990", True), ("31/01/2025", True), ("1990-13-01", True),
    ("April 12", False), ("12/1988", False), ("", False), ("1988/04/12/1", False)])
def test_what_is_not_a_date_says_whether_it_was_written_as_one(text: str,
                                                               impossible: bool) -> None:
    with pytest.raises(NotADate) as caught:
        read_date(text)
    assert caught.value.impossible is impossible
    assert looks_like_date(text) is impossible


def test_read_back_in_words_in_both_languages() -> None:
    assert date_in_words(date(1988, 4, 12), "en") == "April 12, 1988"
    assert date_in_words(date(1988, 4, 12), "es") == "12 de abril de 1988"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_us_and_iso_writings_round_trip(day: date) -> None:
    assert read_date(day.strftime("%m/%d/%Y")) == day
    assert read_date(day.isoformat()) == day
