"""Answers as stored: JSON values, the current answer to a field and its earlier versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

#: A value as stored in JSON: what answers, traces and details are made of.
JsonValue: TypeAlias = (
    None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
)


@dataclass(frozen=True)
class Answer:
    """The current answer to one field of one intake. `value` is a fresh copy per read."""

    id: str
    intake_id: str
    field_id: str
    value: JsonValue
    reason: str | None
    entered_at: str
    entered_by: str
    updated_at: str
    device_id: str
    seq: int


@dataclass(frozen=True)
class AnswerVersion:
    """One value an answer has had; the current one has no `replaced_at`."""

    value: JsonValue
    reason: str | None
    entered_at: str
    entered_by: str
    replaced_at: str | None
    replaced_by: str | None
