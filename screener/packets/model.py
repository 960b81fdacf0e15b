"""The view model a referral packet is rendered from.

The packet builder knows nothing of the store or the rules engine: an adapter fills these
frozen dataclasses, with every data string already in the client's language (`lang`). The
builder adds only its own headings, labels and legal statements, in the same language.

Personal fields are left out of `repr()` so that a traceback or a log line never shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from screener.domain import SensitiveKind
from screener.text import Language

Outcome = Literal["eligible", "not_eligible", "needs_information"]
CriterionStatus = Literal["met", "not_met", "unknown"]
SignedBy = Literal["client", "representative"]
#: How consent stands for one kind of sensitive information (DESIGN §7): a valid consent
#: covers it; a valid consent says No to it (the client declined); no valid consent names
#: the program (none on file, expired or revoked).
Cover = Literal["covered", "declined", "none"]



@dataclass(frozen=True)
class Withheld:
    """What prints instead of something sensitive that consent does not cover: only its
    kind and why, never its text, its status or its value."""

    kind: SensitiveKind
    cover: Cover


@dataclass(frozen=True)
class Worker:
    """The referring worker, from their staff profile: whom the receiver calls back."""

    name: str
    agency: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Situation:
    """Release and supervision, as the receiver needs them (strings in the packet language)."""

    release_date: date | None = None
    custody: str | None = None  # e.g. "In custody: expected release December 1, 2026"
    supervision: str | None = None  # e.g. "Felony probation (ends March 1, 2027)"
    officer_name: str | None = field(default=None, repr=False)
    officer_phone: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ClientSummary:
    """Who the packet is about. `ssn` may be whole: the builder prints only its last four."""

    full_name: str = field(repr=False)
    preferred_name: str | None = field(default=None, repr=False)
    dob: date | None = field(default=None, repr=False)
    #: The client's preferred language, as a display string ("Spanish", "Español").
    language: str | None = None
    phone: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    address: str | None = field(default=None, repr=False)
    ssn: str | None = field(default=None, repr=False)
    #: Someone else who can reach the client ("Ana Ruiz (sister) (213) 555-0100").
    other_contact: str | None = field(default=None, repr=False)
    situation: Situation = field(default_factory=Situation, repr=False)


@dataclass(frozen=True)
class CriterionLine:
    """One criterion of a program's rule tree, as evaluated; `depth` 0 is the top level.

    A criterion reading sensitive information that consent does not cover is a line with
    only `withheld` (no text, no status). A group some of whose criteria are withheld keeps
    its text but not its status (`status` None), which would tell their outcome.
    """

    text: str | None
    status: CriterionStatus | None
    depth: int = 0
    withheld: Withheld | None = None


@dataclass(frozen=True)
class DocumentItem:
    """A document the program asks for; `on_hand` None means nobody has checked yet."""

    label: str
    on_hand: bool | None = None


@dataclass(frozen=True)
class ProgramContact:
    """Where the referral goes. `placeholder` marks the shipped example contacts."""

    provider_name: str
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    referral_instructions: str | None = None
    hours: str | None = None
    placeholder: bool = False


@dataclass(frozen=True)
class ProgramSection:
    """The determination for one program, with the trace that explains it."""

    track_id: str
    track_title: str
    program_id: str
    title: str
    outcome: Outcome
    criteria: tuple[CriterionLine, ...]
    contact: ProgramContact
    rules_version: str
    rules_hash: str
    #: The questions still to ask (for `needs_information`).
    missing: tuple[str, ...] = ()
    #: Reasons that raise the referral's priority.
    priority: tuple[str, ...] = ()
    documents: tuple[DocumentItem, ...] = ()
    #: The met top-level criteria, in plain words ("Qualifies because: …").
    qualifies_because: tuple[str, ...] = ()
    #: Kinds of priority reasons this program's rules have that consent does not cover
    #: (printed whether or not one applies, so the line tells nothing about the client).
    priority_withheld: tuple[Withheld, ...] = ()


@dataclass(frozen=True)
class Flag:
    """Something the receiving program must see first; `urgent` prints in red on the cover."""

    code: str
    text: str
    urgent: bool = False


@dataclass(frozen=True)
class ConsentView:
    """A release of information, with the elements 42 CFR §2.31 and 45 CFR 164.508(c) ask for.

    `track_ids` are the program tracks the consent names as recipients. A consent with no
    `expires_on` must name the event that ends it (`expiry_event`).
    """

    consent_id: str
    track_ids: frozenset[str]
    includes_sud: bool
    includes_mental_health: bool
    signed_on: date | None
    expires_on: date | None
    revoked: bool = False
    signed_by: SignedBy = "client"
    representative_name: str | None = field(default=None, repr=False)
    #: What gives the representative authority (e.g. "Conservator, LASC case 23STPB01234").
    representative_authority: str | None = field(default=None, repr=False)
    signature_png: bytes | None = field(default=None, repr=False)
    #: Who is authorized to disclose (the agency and program doing intake).
    discloser: str = ""
    #: Who may receive the information (provider names, "my treating providers", ...).
    recipients: tuple[str, ...] = ()
    purpose: str = ""
    #: What information, beyond the substance use / mental health wording the builder adds.
    information_description: str = ""
    expiry_event: str | None = None
    #: How to revoke: to whom and where to send the written revocation.
    revoke_instructions: str = ""
    #: True only where the program may lawfully condition services on signing.
    services_conditioned: bool = False


@dataclass(frozen=True)
class SensitiveSection:
    """Substance use (42 CFR Part 2) or mental health information; printed only with consent."""

    kind: SensitiveKind
    title: str
    rows: tuple[tuple[str, str], ...] = field(repr=False)


@dataclass(frozen=True)
class PacketContent:
    """Everything one packet prints, and nothing else: one program, or several in a
    combined packet.

    It is a consent-filtered view (DESIGN §7): whoever builds it leaves out what consent does
    not cover (`screener.services.packet_views`), and the builder prints all of it.
    `cover` says, per sensitive kind, whether consent covers it for every program; flags and
    sensitive sections hold only covered kinds.
    """

    lang: Language
    referral_id: str
    #: When the packet is generated; timezone-aware (shown in Los Angeles time).
    generated_at: datetime
    worker: Worker
    client: ClientSummary
    programs: tuple[ProgramSection, ...]
    cover: dict[SensitiveKind, Cover] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    #: The valid consents naming the packet's tracks (printed on the consent page).
    consents: tuple[ConsentView, ...] = ()
    sensitive_sections: tuple[SensitiveSection, ...] = ()
    #: Record ids for the footer line (intake id, consent ids); never in the body.
    record_ids: tuple[str, ...] = ()

    @property
    def track_ids(self) -> tuple[str, ...]:
        """The distinct tracks of the packet's programs, in order."""
        return tuple(dict.fromkeys(p.track_id for p in self.programs))


@dataclass(frozen=True)
class PacketResult:
    """What a build printed, for the audit log (ids and kinds only, never values)."""

    page_count: int
    #: Section ids, in print order: cover, eligibility, ..., substance_use.
    sections_included: tuple[str, ...]
    #: Sensitive kinds left out for lack of a valid consent.
    sections_withheld: tuple[SensitiveKind, ...]
    #: The consents that authorized the sensitive kinds printed.
    consent_ids_used: tuple[str, ...] = ()
