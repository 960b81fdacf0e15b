"""The quick decoder of answer lines gives exactly what the general one gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.errors import BundleError
from screener.store.sync_records import AnswerRecord, RecordType
from screener.sync.quick_lines import decode as quick
from screener.sync.wire import decode_line, encode_record

DEVICE = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
HLC = f"2026-11-25T18:00:00.123Z-0000-{DEVICE}"


def _answer(value: str, reason: str | None = None, vv: str = "{}", by: str = "ana") -> bytes:
    record = AnswerRecord(
        id="0190a1b2-c3d4-7e5f-8a9b-000000000001", intake_id="0190a1b2-c3d4-7e5f-8a9b-0000000000aa",
        field_id="housing_status", value=value, reason=reason,
        entered_at="2026-11-25T17:59:59.999Z", entered_by=by, updated_at=HLC, device_id=DEVICE,
        vv=vv)
    return encode_record(RecordType.ANSWER, record).rstrip(b"\n")


def _same(line: bytes) -> None:
    try:
        expected: object = decode_line(line, 7)
    except BundleError as exc:
        expected = ("error", str(exc))
    try:
        got: object = quick(line, 7)
    except BundleError as exc:
        got = ("error", str(exc))
    assert got == expected, line


LINES = [
    _answer('"unsheltered"'), _answer("0"), _answer("-12"), _answer("123456789012345678"),
    _answer("true"), _answer("false"), _answer("null"), _answer('""'),
    _answer('"José"'), _answer('"a \\"quoted\\" \\\\ word"'), _answer("1.5"), _answer("[1,2]"),
    _answer('{"city":"LA","zip":"90012"}'), _answer('"x"', reason="client asked"),
    _answer('"x"', reason=""), _answer('"x"', vv=f'{{"{DEVICE}":"{HLC}"}}'),
    _answer('"x"', vv=f'{{"{DEVICE}":"{HLC}","1190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b":"{HLC}"}}'),
    _answer('"x"', by="x" * 64), _answer('"x"', by="x" * 65),
]


@pytest.mark.parametrize("line", LINES)
def test_quick_and_general_agree_on_written_lines(line: bytes) -> None:
    _same(line)


def test_quick_and_general_agree_on_damaged_lines() -> None:
    rng = random.Random(5)
    alphabet = b'0123456789abcdefABCDEF-:.TZ"{},\\ \x00\x7f\xc3\xa9nultrefas_'
    for _ in range(20_000):
        line = bytearray(rng.choice(LINES))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(line))
            action = rng.random()
            if action < 0.5:
                line[at] = rng.choice(alphabet)
            elif action < 0.75:
                del line[at]
            else:
                line.insert(at, rng.choice(alphabet))
        _same(bytes(line))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=10)),
       st.integers(min_value=-10**20, max_value=10**20))
def test_quick_and_general_agree_on_any_text(text: str, reason: str | None, number: int) -> None:
    import json

    _same(_answer(json.dumps(text, ensure_ascii=False), reason=reason))
    _same(_answer(str(number)))


def test_dates_that_do_not_exist_are_refused_either_way() -> None:
    line = _answer('"x"').replace(b"2026-11-25T17", b"2026-02-30T17")
    with pytest.raises(BundleError, match="entered_at"):
        quick(line, 1)


def test_plain_answers_take_the_quick_way() -> None:
    from screener.sync import quick_lines

    for line in LINES[:8] + LINES[13:16]:
        assert quick_lines._ANSWER.fullmatch(line.decode()), line
