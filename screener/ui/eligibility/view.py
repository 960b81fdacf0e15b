"""A client's eligibility: a card per program, grouped by track, with the reasons.

Worked out afresh from the client's latest intake (`services.screen_intake`, off the GUI
thread); flags such as suicide risk sit at the top in the urgent banner. For a program that
"needs information", each missing question has a button: `jump_to_question(intake_id,
field_id)` asks the shell to open the wizard at that question.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.errors import ScreenerError
from screener.progress import Progress
from screener.rules import MissingField, Outcome, Screening
from screener.services import Session
from screener.services.screening import installed_setup
from screener.text import Text, language_of
from screener.ui.eligibility.card import ProgramCard, outcome_text
from screener.ui.intake.flag_banner import FlagBanner
from screener.ui.tasks import run_op
from screener.ui.widgets import report_error

#: What the background step hands the view: the screening, track titles, pack changes.
_Found = tuple[Screening | None, dict[str, Text], tuple[services.PackChange, ...]]


class EligibilityView(QWidget):
    """Eligibility per track and program, recomputed from the latest intake."""

    jump_to_question = Signal(str, str)
    refreshed = Signal()

    def __init__(self, session: Session, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eligibility_view")
        self._session = session
        self._client_id = client_id
        self.screening: Screening | None = None
        self._pack_changes: tuple[services.PackChange, ...] = ()
        self.cards: dict[str, ProgramCard] = {}
        self._intakes: dict[str, str] = {}  # form id -> latest intake id
        self._busy = False
        self._track_titles: dict[str, Text] = {}
        client = services.get_client(session, client_id)
        self.lang: str = language_of(client.preferred_language)

        heading = self.tr("Eligibility")
        title = QLabel(f"<b>{html.escape(heading)}</b>", self)
        lang_label = QLabel(self.tr("Reasons &in:"), self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.addItem(self.tr("English"), "en")
        self.lang_combo.addItem(self.tr("Español (Spanish)"), "es")
        self.lang_combo.setCurrentIndex(self.lang_combo.findData(self.lang))
        self.lang_combo.setAccessibleName(self.tr("Language of the reasons"))
        lang_label.setBuddy(self.lang_combo)
        self.refresh_button = QPushButton(self.tr("&Recompute"), self)
        self.refresh_button.setAccessibleName(self.tr("Recompute eligibility from the latest "
                                                      "intake"))
        self.refresh_button.setAutoDefault(True)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(lang_label)
        head.addWidget(self.lang_combo)
        head.addWidget(self.refresh_button)
        self.banner = FlagBanner(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.status = QLabel(self.tr("Working out eligibility…"), self)
        self.status.setWordWrap(True)
        self.cards_area = QScrollArea(self)
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.cards_area, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.lang_combo.currentIndexChanged.connect(self._language_chosen)
        self.refresh()

    def refresh(self) -> None:
        """Screen the latest intake again (off the GUI thread)."""
        if self._busy:
            return
        try:
            intakes = services.intakes_of(self._session, self._client_id)
        except ScreenerError as exc:
            report_error(self, exc)
            return
        self._intakes = {i.form_id: i.id for i in intakes}  # oldest first: the last one wins
        latest = self._intakes.get("intake")
        session, client_id = self._session, self._client_id
        self._busy = True
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Working out eligibility…"))
        self.status.setVisible(True)


        def work(_p: Progress) -> _Found:
            titles = {t.id: t.title for t in installed_setup().rules.tracks}
            changes = services.pack_changes(session, client_id)
            if latest is None:
                return services.client_screening(session, client_id), titles, changes
            return services.screen_intake(session, latest), titles, changes

        run_op(self, work, self._show, on_failure=self._failed,
               label=self.tr("Working out eligibility…"))

    # -- showing --------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("Eligibility could not be worked out."))
        report_error(self, error)

    def _show(self, found: _Found) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.screening, self._track_titles, self._pack_changes = found
        self._render()
        self.refreshed.emit()

    def _pack_note(self, screening: Screening, lang: str) -> str:
        """A line naming the outcomes a newer content pack changed, if any."""
        changes = self._pack_changes
        if not changes:
            return ""
        titles = {d.program_id: d.title.get(lang) for d in screening.determinations}
        listed = "; ".join(
            f"{titles.get(c.program_id, c.program_id)}: {outcome_text(Outcome(c.before))} → "
            f"{outcome_text(Outcome(c.after))}" for c in changes)
        return "\n" + self.tr("Content pack v{version} changed: {changes}").format(
            version=changes[-1].pack_version, changes=listed)

    def _language_chosen(self, index: int) -> None:
        self.lang = str(self.lang_combo.itemData(index))
        self._render()

    def _render(self) -> None:
        screening, lang = self.screening, self.lang
        self.cards = {}
        content = QWidget()
        layout = QVBoxLayout(content)
        if screening is None:
            self.status.setText(self.tr("No intake has been taken yet: there is nothing to "
                                        "screen."))
            self.banner.set_flags([])
            self.summary.clear()
            self.cards_area.setWidget(content)
            return
        self.status.setVisible(False)
        self.banner.set_flags([(f.label.get(lang), f.urgent) for f in screening.flags])
        counts = {o: sum(d.outcome is o for d in screening.determinations) for o in Outcome}
        self.summary.setText(" · ".join(f"{outcome_text(o)}: {n}" for o, n in counts.items())
                             + "   " + self.tr("(screened {day}; rules {rules})").format(
            day=screening.today.isoformat(), rules=screening.rules_hash[:12])
                             + self._pack_note(screening, lang))
        tracks: dict[str, QGroupBox] = {}
        for d in screening.determinations:
            box = tracks.get(d.track_id)
            if box is None:
                box = QGroupBox(self._track_title(d.track_id).get(lang), content)
                QVBoxLayout(box)
                tracks[d.track_id] = box
                layout.addWidget(box)
            card = ProgramCard(d, lang, self._ask, box)
            box_layout = box.layout()
            assert box_layout is not None
            box_layout.addWidget(card)
            self.cards[d.program_id] = card
        layout.addStretch(1)
        self.cards_area.setWidget(content)
        chain: list[QWidget] = [self.lang_combo, self.refresh_button]
        chain += [b for card in self.cards.values() for b in card.ask_buttons]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _track_title(self, track_id: str) -> Text:
        found = self._track_titles.get(track_id)
        if found is not None:
            return found
        words = track_id.replace("_", " ")
        return Text(words[:1].upper() + words[1:])

    def _ask(self, missing: MissingField) -> None:
        intake_id = self._intakes.get(missing.form_id or "intake")
        if intake_id is None:
            report_error(self, ScreenerError(self.tr(
                "This question is on a form not started yet for this client.")))
            return
        self.jump_to_question.emit(intake_id, missing.field_id)
