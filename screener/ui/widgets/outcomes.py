"""How a program's outcome reads on screen: on its card, in the summary, in the packet dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from screener.rules import Outcome


def outcome_text(outcome: Outcome) -> str:
    """The outcome as a sign and words (the sign repeats the words, for a quick scan)."""
    return {
        Outcome.ELIGIBLE: QCoreApplication.translate("ProgramCard", "✔ Eligible"),
        Outcome.NOT_ELIGIBLE: QCoreApplication.translate("ProgramCard", "✖ Not eligible"),
        Outcome.NEEDS_INFORMATION: QCoreApplication.translate("ProgramCard", "? Needs information"),
    }[outcome]
