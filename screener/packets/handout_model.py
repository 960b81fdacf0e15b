"""The client's next-steps handout: what it prints, as frozen values in the client's language.

Like a packet, the handout prints all of its view and nothing else; whoever builds the view
(`screener.services.handouts`) leaves out what the client did not ask to see on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from screener.packets.model import DocumentItem
from screener.text import Language


@dataclass(frozen=True)
class HandoutStep:
    """One program the client chose: what it is, whom to call, when, what to bring."""

    title: str
    what: str
    provider_name: str
    phone: str | None = None
    address: str | None = None
    hours: str | None = None
    documents: tuple[DocumentItem, ...] = ()
    referral_id: str | None = None
    placeholder: bool = False


@dataclass(frozen=True)
class HandoutDate:
    """A date the client should keep ("Your supervision ends", ...)."""

    label: str
    day: date


@dataclass(frozen=True)
class HandoutContent:
    """Everything the handout prints."""

    lang: Language
    generated_at: datetime
    client_name: str = field(repr=False)
    steps: tuple[HandoutStep, ...]
    dates: tuple[HandoutDate, ...] = ()
    #: "Officer J. Lee, (213) 555-0199": whom to check in with after release.
    officer: str | None = field(default=None, repr=False)
    hotline: str | None = None
    hotline_placeholder: bool = False
    worker: str | None = None
    #: Days within which to call each program (a parameter in resources/handout.yaml).
    call_within_days: int = 3
