"""What screening produces: a determination per program, with its reasons, as frozen values.

These types cross layers (screen, packets, database, bundles), so each has a JSON form:
`to_json()` gives plain JSON-ready data and `from_json()` reads it back to an equal value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, cast

from screener.rules.model import ProgramStatus
from screener.text import Text

Json = dict[str, Any]


class Outcome(StrEnum):
    """A program's determination: the eligibility tree is true / false / unknown."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_INFORMATION = "needs_information"


class Truth(StrEnum):
    """One criterion's state in the trace."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CriterionTrace:
    """How one criterion (or group) came out, with the criteria below it.

    `kind` is all / any / not / leaf; `missing` names the fields whose absence left an
    unknown criterion unknown (empty otherwise).
    """

    id: str | None
    text: Text | None
    kind: str
    status: Truth
    missing: tuple[str, ...] = ()
    children: tuple[CriterionTrace, ...] = ()
    because: Text | None = None  # short phrase for "qualifies because …" (see because.py)

    def to_json(self) -> Json:
        out: Json = {"id": self.id, "kind": self.kind, "status": self.status.value}
        out["text"] = _text_json(self.text)
        if self.because is not None:
            out["because"] = _text_json(self.because)
        if self.missing:
            out["missing"] = list(self.missing)
        if self.children:
            out["children"] = [c.to_json() for c in self.children]
        return out

    @classmethod
    def from_json(cls, data: Json) -> CriterionTrace:
        return cls(
            id=data.get("id"),
            text=_text_from(data.get("text")),
            kind=str(data["kind"]),
            status=Truth(data["status"]),
            missing=tuple(data.get("missing", ())),
            children=tuple(cls.from_json(c) for c in data.get("children", ())),
            because=_text_from(data.get("because")),
        )

    def leaves(self) -> list[CriterionTrace]:
        """Every leaf criterion below (or at) this node, in order."""
        if not self.children:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]


@dataclass(frozen=True)
class MissingField:
    """A field whose answer would decide a "needs information" outcome, and who asks for it."""

    field_id: str
    form_id: str | None
    section_id: str | None
    label: Text

    def to_json(self) -> Json:
        return {"field": self.field_id, "form": self.form_id, "section": self.section_id,
                "label": _text_json(self.label)}

    @classmethod
    def from_json(cls, data: Json) -> MissingField:
        label = _text_from(data.get("label")) or Text(str(data["field"]))
        return cls(str(data["field"]), data.get("form"), data.get("section"), label)


@dataclass(frozen=True)
class PriorityReason:
    """A reason that raises the priority of a referral (e.g. unsheltered, suicide risk)."""

    id: str
    text: Text

    def to_json(self) -> Json:
        return {"id": self.id, "text": _text_json(self.text)}

    @classmethod
    def from_json(cls, data: Json) -> PriorityReason:
        return cls(str(data["id"]), _text_from(data.get("text")) or Text(str(data["id"])))


@dataclass(frozen=True)
class ScreeningFlag:
    """A flag raised by an instrument's scoring (e.g. PHQ-9 item 9 > 0 → suicide_risk)."""

    id: str
    label: Text
    urgent: bool = False

    def to_json(self) -> Json:
        return {"id": self.id, "label": _text_json(self.label), "urgent": self.urgent}

    @classmethod
    def from_json(cls, data: Json) -> ScreeningFlag:
        label = _text_from(data.get("label")) or Text(str(data["id"]))
        return cls(str(data["id"]), label, bool(data.get("urgent", False)))


@dataclass(frozen=True)
class ProgramDetermination:
    """One program's outcome for one client on one day, with everything that explains it."""

    track_id: str
    program_id: str
    title: Text
    provider: str
    outcome: Outcome
    trace: CriterionTrace
    missing: tuple[MissingField, ...]
    priority: tuple[PriorityReason, ...]
    documents: tuple[str, ...]
    rules_version: str
    rules_hash: str
    #: whether the program takes referrals (DESIGN §4.2): only `open` ones go into packets
    status: ProgramStatus = ProgramStatus.OPEN
    #: the person said they do not want this help: eligible-but-declined, not a referral to make
    declined: bool = False

    def to_json(self) -> Json:
        return {
            "track": self.track_id,
            "program": self.program_id,
            "title": _text_json(self.title),
            "provider": self.provider,
            "outcome": self.outcome.value,
            "status": self.status.value,
            "declined": self.declined,
            "reasons": self.trace.to_json(),
            "missing_fields": [m.to_json() for m in self.missing],
            "priority": [p.to_json() for p in self.priority],
            "documents": list(self.documents),
            "rules_version": self.rules_version,
            "rules_hash": self.rules_hash,
        }

    @classmethod
    def from_json(cls, data: Json) -> ProgramDetermination:
        return cls(
            track_id=str(data["track"]),
            program_id=str(data["program"]),
            title=_text_from(data.get("title")) or Text(str(data["program"])),
            provider=str(data["provider"]),
            outcome=Outcome(data["outcome"]),
            trace=CriterionTrace.from_json(data["reasons"]),
            missing=tuple(MissingField.from_json(m) for m in data.get("missing_fields", ())),
            priority=tuple(PriorityReason.from_json(p) for p in data.get("priority", ())),
            documents=tuple(str(d) for d in data.get("documents", ())),
            rules_version=str(data["rules_version"]),
            rules_hash=str(data["rules_hash"]),
            status=ProgramStatus(data.get("status", ProgramStatus.OPEN.value)),
            declined=bool(data.get("declined", False)),
        )


@dataclass(frozen=True)
class Screening:
    """Every program's determination for one client on `today`."""

    today: date
    determinations: tuple[ProgramDetermination, ...]
    rules_hash: str
    flags: tuple[ScreeningFlag, ...] = ()

    def get(self, program_id: str) -> ProgramDetermination | None:
        """The determination for `program_id`, or None."""
        for d in self.determinations:
            if d.program_id == program_id:
                return d
        return None

    def outcomes(self) -> dict[str, Outcome]:
        """Program id → outcome."""
        return {d.program_id: d.outcome for d in self.determinations}

    @property
    def rules_versions(self) -> dict[str, str]:
        """Track id → version of the rule file used."""
        return {d.track_id: d.rules_version for d in self.determinations}

    def to_json(self) -> Json:
        """`{today, rules_hash, rules_versions, flags, programs: {program_id: {...}}}`."""
        return {
            "today": self.today.isoformat(),
            "rules_hash": self.rules_hash,
            "rules_versions": self.rules_versions,
            "flags": [f.to_json() for f in self.flags],
            "programs": {d.program_id: d.to_json() for d in self.determinations},
        }

    @classmethod
    def from_json(cls, data: Json) -> Screening:
        programs = cast(Mapping[str, Json], data.get("programs", {}))
        return cls(
            today=date.fromisoformat(str(data["today"])),
            determinations=tuple(ProgramDetermination.from_json(p) for p in programs.values()),
            rules_hash=str(data["rules_hash"]),
            flags=tuple(ScreeningFlag.from_json(f) for f in data.get("flags", ())),
        )


def _text_json(text: Text | None) -> Json | None:
    if text is None:
        return None
    return {"en": text.en, "es": text.es}


def _text_from(data: object) -> Text | None:
    if data is None:
        return None
    if isinstance(data, str):
        return Text(data)
    parts = cast(Mapping[str, object], data)
    es = parts.get("es")
    return Text(str(parts["en"]), str(es) if es is not None else None)


def outcome_counts(determinations: Sequence[ProgramDetermination]) -> dict[Outcome, int]:
    """How many determinations have each outcome (every outcome listed, maybe 0)."""
    counts = dict.fromkeys(Outcome, 0)
    for d in determinations:
        counts[d.outcome] += 1
    return counts
