"""Referral packet PDFs (DESIGN §7).

`build_packet(content, out)` renders a `PacketContent` view model; `permitted_kinds` is the
consent rule that decides which sensitive sections a program's packet may print. Importing
this package does not import reportlab.platypus; building the first packet does.
"""

from __future__ import annotations

from screener.packets.builder import build_packet, render_packet
from screener.packets.consent import (
    ConsentState,
    consent_state,
    packet_permitted_kinds,
    permitted_kinds,
)
from screener.packets.model import (
    ClientSummary,
    ConsentView,
    CriterionLine,
    DocumentItem,
    Flag,
    PacketContent,
    PacketResult,
    ProgramContact,
    ProgramSection,
    SensitiveSection,
)
from screener.packets.privacy import mask_ssn

__all__ = [
    "ClientSummary",
    "ConsentState",
    "ConsentView",
    "CriterionLine",
    "DocumentItem",
    "Flag",
    "PacketContent",
    "PacketResult",
    "ProgramContact",
    "ProgramSection",
    "SensitiveSection",
    "build_packet",
    "consent_state",
    "mask_ssn",
    "packet_permitted_kinds",
    "permitted_kinds",
    "render_packet",
]
