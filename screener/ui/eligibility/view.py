"""A client's eligibility, summary first.

Worked out afresh from the client's latest intake (`services.glance.eligibility_glance`, off
the GUI thread). The header names the client and the day; urgent flags sit in the banner.
Then, in reading order: Eligible (one line each: the program, "qualifies because …", and
Refer…), Ask next (the few questions that would settle the most programs still needing
information, each a button to the question), Needs information, Not eligible (collapsed),
and every program's card with its reasons collapsed. `jump_to_question(intake_id,
field_id)` asks the shell to open the wizard at a question; `refer(program_id)` to make a
packet; `back_requested` to go back to the client. PageUp / PageDown scroll the page.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from screener.dates import date_in_words
from screener.errors import ScreenerError
from screener.rules import MissingField, Outcome, ProgramStatus, Screening
from screener.services import Session
from screener.services.eligibility import PackChange, pack_changes
from screener.services.glance import Glance, eligibility_glance
from screener.text import Text, language_of
from screener.ui.eligibility.card import ProgramCard, status_text
from screener.ui.intake.flag_banner import FlagBanner, protocol_steps
from screener.ui.tasks import run_op
from screener.ui.widgets import report_error
from screener.ui.widgets.outcomes import outcome_text


class EligibilityView(QWidget):
    """Eligibility per program, summary first, recomputed from the latest intake."""

    jump_to_question = Signal(str, str)
    refer = Signal(str)
    back_requested = Signal()
    refreshed = Signal()

    def __init__(self, session: Session, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eligibility_view")
        self._session = session
        self._client_id = client_id
        self.glance: Glance | None = None
        self._pack_changes: tuple[PackChange, ...] = ()
        self.cards: dict[str, ProgramCard] = {}
        self.ask_buttons: list[QPushButton] = []
        self.refer_buttons: dict[str, QPushButton] = {}
        self._busy = False
        self.lang = "en"

        self.back_button = QPushButton(self.tr("← &Back to the client"), self)
        self.back_button.setAutoDefault(True)
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel(f"<b>{html.escape(self.tr('Eligibility'))}</b>", self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        lang_label = QLabel(self.tr("Reasons &in:"), self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.addItem(self.tr("English"), "en")
        self.lang_combo.addItem(self.tr("Español (Spanish)"), "es")
        self.lang_combo.setAccessibleName(self.tr("Language of the reasons"))
        lang_label.setBuddy(self.lang_combo)
        self.refresh_button = QPushButton(self.tr("&Recompute"), self)
        self.refresh_button.setAccessibleName(self.tr("Recompute eligibility from the latest "
                                                      "intake"))
        self.refresh_button.setAutoDefault(True)
        self.handout_button = QPushButton(self.tr("&Handout…"), self)
        self.handout_button.setObjectName("handout_button")
        self.handout_button.setAccessibleName(self.tr("Print the client's next-steps handout"))
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(lang_label)
        head.addWidget(self.lang_combo)
        head.addWidget(self.refresh_button)
        head.addWidget(self.handout_button)
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
        self.handout_button.clicked.connect(self.open_handout)
        self.lang_combo.currentIndexChanged.connect(self._language_chosen)
        for key, action in ((Qt.Key.Key_PageDown, QAbstractSlider.SliderAction.SliderPageStepAdd),
                            (Qt.Key.Key_PageUp, QAbstractSlider.SliderAction.SliderPageStepSub)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(
                lambda a=action: self.cards_area.verticalScrollBar().triggerAction(a))
        self.refresh()

    @property
    def screening(self) -> Screening | None:
        return self.glance.screening if self.glance is not None else None

    def refresh(self) -> None:
        """Screen the latest intake again (off the GUI thread)."""
        if self._busy:
            return
        session, client_id = self._session, self._client_id
        self._busy = True
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Working out eligibility…"))
        self.status.setVisible(True)
        run_op(self, lambda _p: (eligibility_glance(session, client_id),
                                 pack_changes(session, client_id)),
               self._show, on_failure=self._failed, label=self.tr("Working out eligibility…"))

    # -- showing --------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("Eligibility could not be worked out."))
        report_error(self, error)

    def _show(self, found: tuple[Glance, tuple[PackChange, ...]]) -> None:
        glance, self._pack_changes = found
        first = self.glance is None
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.glance = glance
        if first:
            self.lang = glance.language
            self.lang_combo.blockSignals(True)
            self.lang_combo.setCurrentIndex(self.lang_combo.findData(self.lang))
            self.lang_combo.blockSignals(False)
        self._render()
        focus = QApplication.focusWidget()
        if self.isVisible() and (focus is None or not focus.isVisible()):
            # The keyboard never ends up nowhere: a busy window closing, or the content it
            # was in being rebuilt, leaves it on Back.
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
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

    def set_language(self, lang: str) -> None:
        """Show the reasons in `lang` ("en" or "es")."""
        self.lang_combo.setCurrentIndex(self.lang_combo.findData(language_of(lang)))

    def _language_chosen(self, index: int) -> None:
        self.lang = str(self.lang_combo.itemData(index))
        self._render()

    def _render(self) -> None:
        glance, lang = self.glance, self.lang
        self.cards, self.ask_buttons, self.refer_buttons = {}, [], {}
        content = QWidget()
        layout = QVBoxLayout(content)
        if glance is None:
            return
        self.title.setText("<b>" + html.escape(self.tr("Eligibility: {name}").format(
            name=glance.client_name)) + "</b>")
        screening = glance.screening
        if screening is None:
            self.status.setText(self.tr("No intake has been taken yet: there is nothing to "
                                        "screen."))
            self.banner.set_flags([])
            self.summary.clear()
            self.cards_area.setWidget(content)
            return
        self.status.setVisible(False)
        self.banner.set_flags([(f.label.get(lang), f.urgent) for f in screening.flags],
                              protocol_steps(((f.id, f.urgent) for f in screening.flags), lang))
        counts = {o: len(glance.by_outcome(o)) for o in Outcome}
        self.summary.setText(" · ".join(f"{outcome_text(o)}: {n}" for o, n in counts.items())
                             + "   " + self.tr("(screened {day}; rules {rules})").format(
            day=date_in_words(screening.today, lang), rules=screening.rules_hash[:12])
                             + self._pack_note(screening, lang))
        layout.addWidget(self._eligible_box(glance, content))
        declined = [d for d in glance.by_outcome(Outcome.ELIGIBLE) if d.declined]
        if declined:
            layout.addWidget(self._titles_box(
                self.tr("Declined by the client ({n})").format(n=len(declined)),
                [d.title.get(lang) for d in declined], content, collapsed=False))
        if glance.ask:
            layout.addWidget(self._ask_box(glance, content))
        waiting = glance.by_outcome(Outcome.NEEDS_INFORMATION)
        if waiting:
            layout.addWidget(self._titles_box(
                self.tr("Needs information ({n})").format(n=len(waiting)),
                [d.title.get(lang) for d in waiting], content, collapsed=False))
        not_eligible = glance.by_outcome(Outcome.NOT_ELIGIBLE)
        if not_eligible:
            layout.addWidget(self._titles_box(
                self.tr("Not eligible ({n})").format(n=len(not_eligible)),
                [d.title.get(lang) for d in not_eligible], content, collapsed=True))
        layout.addWidget(self._cards_box(glance, content))
        layout.addStretch(1)
        self.cards_area.setWidget(content)
        self._fix_tab_order()

    def _eligible_box(self, glance: Glance, parent: QWidget) -> QGroupBox:
        lang = self.lang
        eligible = [d for d in glance.by_outcome(Outcome.ELIGIBLE) if not d.declined]
        box = QGroupBox(self.tr("Eligible ({n})").format(n=len(eligible)), parent)
        box.setObjectName("eligible_box")
        rows = QVBoxLayout(box)
        if not eligible:
            rows.addWidget(QLabel(self.tr("No program yet."), box))
        for d in eligible:
            because = glance.because.get(d.program_id)
            text = f"<b>{html.escape(d.title.get(lang))}</b>"
            if because is not None:
                text += "<br>" + html.escape(self.tr("qualifies because {why}").format(
                    why=because.get(lang)))
            line = QLabel(text, box)
            line.setWordWrap(True)
            line.setTextFormat(Qt.TextFormat.RichText)
            row = QHBoxLayout()
            row.addWidget(line, 1)
            rows.addLayout(row)
            if d.status is not ProgramStatus.OPEN:
                # a cohort or candidate list (the card says which), never a referral to make
                line.setText(f"{text}<br><i>{html.escape(status_text(d.status))}</i>")
                continue
            refer = QPushButton(self.tr("Refer…"), box)
            refer.setObjectName(f"refer_{d.program_id}")
            refer.setAccessibleName(self.tr("Refer to {program}").format(
                program=d.title.get(lang)))
            refer.setAutoDefault(True)
            refer.clicked.connect(lambda _c=False, p=d.program_id: self.refer.emit(p))
            self.refer_buttons[d.program_id] = refer
            row.addWidget(refer, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _ask_box(self, glance: Glance, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Ask next"), parent)
        box.setObjectName("ask_box")
        rows = QVBoxLayout(box)
        for ask in glance.ask:
            label = ask.label.get(self.lang)
            button = QPushButton(self.tr("{question} (programs it may decide: {n})").format(
                question=label, n=ask.programs).replace("&", "&&"), box)
            button.setObjectName(f"ask_next_{ask.field_id}")
            button.setAccessibleName(self.tr("Go to the question: {question}").format(
                question=label))
            button.setAutoDefault(True)
            button.clicked.connect(lambda _c=False, f=ask.field_id, i=glance.intake_id:
                                   self.jump_to_question.emit(i, f) if i else None)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            rows.addLayout(row)
            self.ask_buttons.append(button)
        return box

    def _titles_box(self, title: str, lines: list[str], parent: QWidget,
                    collapsed: bool) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        toggle = QToolButton(box)
        toggle.setText(title)
        toggle.setCheckable(True)
        toggle.setChecked(not collapsed)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setStyleSheet("QToolButton { font-weight: bold; border: none; }")
        body = QLabel("<br>".join(html.escape(t) for t in lines), box)
        body.setWordWrap(True)
        body.setContentsMargins(24, 0, 0, 0)

        def shown(on: bool) -> None:
            body.setVisible(on)
            toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

        toggle.toggled.connect(shown)
        shown(not collapsed)
        column.addWidget(toggle)
        column.addWidget(body)
        return box

    def _cards_box(self, glance: Glance, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Every program, with its reasons"), parent)
        column = QVBoxLayout(box)
        assert glance.screening is not None
        track = None
        for d in glance.screening.determinations:
            if d.track_id != track:
                track = d.track_id
                title = glance.track_titles.get(track) or Text(track.replace("_", " "))
                heading = QLabel(f"<b>{html.escape(title.get(self.lang))}</b>", box)
                column.addWidget(heading)
            card = ProgramCard(d, self.lang, self._ask, box)
            column.addWidget(card)
            self.cards[d.program_id] = card
        return box

    def open_handout(self) -> QWidget:
        """The client's next-steps handout, to preview and print."""
        from screener.ui.packets.handout_dialog import HandoutDialog

        dialog = HandoutDialog(self._session, self._client_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def _fix_tab_order(self) -> None:
        """Tab follows reading order: the header, the summary's buttons, then the cards."""
        chain: list[QWidget] = [self.back_button, self.lang_combo, self.refresh_button,
                                self.handout_button]
        chain += list(self.refer_buttons.values()) + self.ask_buttons
        content = self.cards_area.widget()
        if content is not None:
            chain += [t for t in content.findChildren(QToolButton)
                      if t.parent() is not None and not isinstance(t.parent(), ProgramCard)]
        for card in self.cards.values():
            chain += card.focus_chain()
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _ask(self, missing: MissingField) -> None:
        glance = self.glance
        if glance is None or glance.intake_id is None or missing.form_id not in (None, "intake"):
            report_error(self, ScreenerError(self.tr(
                "This question is on a form not started yet for this client.")))
            return
        self.jump_to_question.emit(glance.intake_id, missing.field_id)
