"""The client page's status board: urgent flags of the latest intake, consent in force
(which programs, until when) and the last eligibility, in words and signs."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from screener import services
from screener.dates import date_in_words
from screener.rules import Outcome
from screener.services.urgent import FOLLOWUP_ACTIONS, UrgentFlag, urgent_flags
from screener.text import Text
from screener.ui.widgets import named, show_time
from screener.ui.widgets.answer_history import ui_language


@dataclass(frozen=True)
class ClientStatus:
    """What the status board says: urgent flags of the latest intake, consents in force
    (program titles, until when), and the last eligibility's counts and day."""

    flags: tuple[UrgentFlag, ...]
    consents: tuple[tuple[tuple[Text, ...], str | None], ...]
    eligibility: tuple[int, int, int] | None  # eligible, not eligible, needs information
    screened_on: date | None
    program_titles: dict[str, Text]


def client_status(session: services.Session, client_id: str,
                  consents: tuple[Any, ...]) -> ClientStatus:
    titles = {p.id: p.title for t in session.setup.rules.tracks for p in t.programs}
    flags = urgent_flags(session, client_id)
    today = session.clock.today().isoformat()
    live = tuple(
        (tuple(titles.get(p, Text(p)) for p in c.program_ids), c.expires_on)
        for c in consents if not c.revoked and (c.expires_on is None or c.expires_on >= today))
    screening = services.client_screening(session, client_id)
    counts = None
    if screening is not None:
        found = screening.outcomes().values()
        counts = (sum(o is Outcome.ELIGIBLE for o in found),
                  sum(o is Outcome.NOT_ELIGIBLE for o in found),
                  sum(o is Outcome.NEEDS_INFORMATION for o in found))
    return ClientStatus(flags, live, counts, screening.today if screening else None, titles)



class StatusBoard(QLabel):
    """The status lines; `show_status(None)` clears them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_board")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        named(self, self.tr("Status"))

    def show_status(self, status: ClientStatus | None) -> None:
        """Flags, consent in force and the last eligibility, in words and signs."""
        if status is None:
            self.clear()
            return
        lang = ui_language()
        urgent = html.escape(self.tr("URGENT:"))
        lines = []
        for flag in status.flags:
            label = html.escape(flag.label.get(lang))
            if flag.open:
                todo = html.escape(self.tr("no follow-up recorded yet"))
                lines.append(f"<span style='color:#a50016'><b>⚠ {urgent}</b> {label} "
                             f"({todo})</span>")
            for done in flag.followups:
                lines.append("✔ " + label + ": " + html.escape(self.tr(
                    "{action} ({user}, {day})").format(
                    action=FOLLOWUP_ACTIONS[done.action].get(lang), user=done.done_by,
                    day=show_time(done.done_at))))
        for programs, until in status.consents:
            names = ", ".join(t.get(lang) for t in programs)
            text = (self.tr("Consent in force for {programs} until {day}").format(
                programs=names, day=date_in_words(date.fromisoformat(until), lang))
                if until else self.tr("Consent in force for {programs} (no expiry)").format(
                    programs=names))
            lines.append("✔ " + html.escape(text))
        if not status.consents:
            lines.append("○ " + html.escape(self.tr("No consent in force")))
        if status.eligibility is not None and status.screened_on is not None:
            eligible, not_eligible, waiting = status.eligibility
            lines.append(html.escape(self.tr(
                "Last eligibility ({day}): {eligible} eligible · {not_eligible} not eligible · "
                "{waiting} need information").format(
                day=date_in_words(status.screened_on, lang), eligible=eligible,
                not_eligible=not_eligible, waiting=waiting)))
        else:
            lines.append(html.escape(self.tr("No eligibility yet: no intake is complete.")))
        self.setText("<br>".join(lines))

