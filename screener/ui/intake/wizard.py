"""The intake wizard: one section per page, the section list at the side, autosave.

Every answer is saved the moment it is finished (Return, focus out, a pick) through
`services.save_answer`; an answer that cannot be read stays on screen with a message and is
not saved. Skip logic, required answers, validation and flags are re-evaluated by the form
after each answer. The wizard remembers the question in focus (`set_intake_position`) and
reopens a draft there. A completed intake asks why before any change is saved.

The quick screen (Alt+Q, or `quick=True`) asks only what can still change a program's
outcome: after each answer the wizard goes to the next such question, and the side panel
shows every track turning from ? to ✓ / ✗. Turning it off continues with the full intake.

Keyboard: Tab / Shift+Tab move through the page, arrow keys through options, Return goes to
the next section, Alt+B / Alt+N / Alt+F press Back / Next / Finish, Alt+L picks the
language of the questions and Alt+S jumps to the section list.
"""

from __future__ import annotations

import html
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.errors import ReasonRequired, ScreenerError
from screener.forms import InvalidAnswer
from screener.services import SavedAnswer, Session
from screener.services.intake_draft import IntakeDraft, is_repeat
from screener.ui import colors
from screener.ui.intake.editors import keeps_answer
from screener.ui.intake.flag_banner import FlagBanner, protocol_steps
from screener.ui.intake.group import RepeatGroupEditor
from screener.ui.intake.page import SectionPage
from screener.ui.intake.reason_dialog import ReasonDialog, not_finished
from screener.ui.intake.rows import FieldView, QuestionRow
from screener.ui.intake.section_list import WizardSidePanel
from screener.ui.tasks import run_op
from screener.ui.widgets import report_error
from screener.ui.widgets.answer_history import ui_language


class IntakeWizard(QWidget):
    """Takes one intake (any form: the intake questionnaire, the consent form)."""

    finished = Signal()
    loaded = Signal()

    def __init__(self, session: Session, intake_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_wizard")
        self._session = session
        self._intake_id = intake_id
        self.draft: IntakeDraft | None = None
        self.pages: dict[str, SectionPage] = {}
        self.current: str | None = None
        self.lang = "en"
        self._reviewed: set[str] = set()
        self._focused: str | None = None
        self._pending_go_to: str | None = None
        self._asking = False
        self._pending_quick = False
        self._build_chrome()
        # Off the GUI thread: the session may load its forms and rules first.
        run_op(self, lambda _p: IntakeDraft(session, intake_id), self._on_loaded,
               on_failure=self._on_load_failed, label=self.tr("Opening the questions…"))

    # -- layout ---------------------------------------------------------------------------

    def _build_chrome(self) -> None:
        side = WizardSidePanel(self)
        self.lang_combo = side.lang_combo
        self.progress = side.progress
        self.section_list = side.section_list
        self.quick = side.quick
        self.side = side

        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.banner = FlagBanner(self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.stack = QStackedWidget(self)
        self.loading = QLabel(self.tr("Opening the questions…"), self.stack)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.saved = QLabel(self.tr("Every answer is saved as soon as it is entered."), self)
        self.saved.setObjectName("saved_indicator")
        self.saved.setStyleSheet(f"color: {colors.HINT};")
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.finish_button = QPushButton(self.tr("&Finish"), self)
        nav = QHBoxLayout()
        nav.addWidget(self.saved, 1)
        for button, name in ((self.back_button, self.tr("Previous section")),
                             (self.next_button, self.tr("Next section")),
                             (self.finish_button, self.tr("Finish the intake"))):
            button.setAutoDefault(True)  # Return on the focused button presses it
            button.setEnabled(False)
            button.setAccessibleName(name)
            nav.addWidget(button)
        main = QVBoxLayout()
        main.setContentsMargins(0, 8, 8, 8)
        main.addWidget(self.title)
        main.addWidget(self.banner)
        main.addWidget(self.notice)
        main.addWidget(self.stack, 1)
        main.addLayout(nav)
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(side)
        root.addLayout(main, 1)
        self.back_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.finish_button.clicked.connect(self.finish)
        self.section_list.section_chosen.connect(self._show_section)
        self.quick.toggled.connect(self._quick_toggled)
        self.quick.skip_requested.connect(self._quick_skip)
        self.lang_combo.currentIndexChanged.connect(self._language_chosen)

    # -- loading --------------------------------------------------------------------------

    def _on_loaded(self, draft: IntakeDraft) -> None:
        self.draft = draft
        self.lang = draft.language
        self.lang_combo.blockSignals(True)
        self.lang_combo.setCurrentIndex(self.lang_combo.findData(self.lang))
        self.lang_combo.blockSignals(False)
        spec = draft.form.spec
        self.section_list.set_sections(spec.sections)
        for section in spec.sections:
            page = SectionPage(section, self.lang, self._on_commit, self._on_focus, self.stack)
            page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            for editor in page.repeat_editors():
                editor.structure_changed.connect(self._fix_tab_order)
            for field_id, view in page.views.items():
                view.set_value(draft.values.get(field_id))
            self.pages[section.id] = page
            self.stack.addWidget(page)
        for button in (self.back_button, self.next_button, self.finish_button):
            button.setEnabled(True)
        self.quick.setVisible(draft.form.id == "intake")  # the quick screen decides programs
        self._fix_tab_order()
        self._retext()
        self._show_section(*draft.resume_at())
        if self._pending_go_to:
            self.go_to(self._pending_go_to)
        if self._pending_quick and self.quick.isVisible():
            self.quick.button.setChecked(True)
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        self.loading.setText(self.tr("The questions could not be opened."))
        report_error(self, error)

    # -- public ---------------------------------------------------------------------------

    def go_to(self, field_id: str) -> None:
        """Open the section asking `field_id` and put the focus on that question.

        A section id (an instrument such as `auditc` that is missing as a whole) opens that
        section at its first question.
        """
        if self.draft is None:
            self._pending_go_to = field_id
            return
        section = self.draft.section_of(field_id) or field_id
        if section in self.pages:
            self._show_section(section, field_id if section != field_id else None)

    def start_quick(self) -> None:
        """Take this intake as a quick screen (once the questions are loaded)."""
        if self.draft is None:
            self._pending_quick = True
        elif self.quick.isVisible():
            self.quick.button.setChecked(True)

    def _quick_toggled(self, on: bool) -> None:
        if self.draft is None:
            return
        if on:
            self._quick_next()
        else:
            self.quick.show_step(None, {}, self.lang)

    def _quick_skip(self) -> None:
        self.quick.skip()
        self._quick_next()

    def _quick_next(self) -> None:
        """Go to the quick screen's next question; Finish when nothing is left to ask."""
        if self.draft is None or not self.quick.on:
            return
        step = self.quick.advance(self.draft, self.lang)
        if step.next_field is not None:
            self.go_to(step.next_field)
        else:
            self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish(self) -> None:
        """Finish: complete the intake, or say which sections still need answers."""
        draft = self.draft
        if draft is None or self._asking:
            return
        self._commit_focused()
        self._reviewed.update(draft.state.visible_sections)
        self._refresh()
        unread = [s for s, page in self.pages.items() if page.input_errors()]
        waiting = draft.sections_waiting(unread)
        if not waiting:
            self._complete()
            return
        if self.quick.on and self.quick.step is not None and self.quick.step.done:
            # A finished quick screen goes to its results; the draft keeps every answer, to
            # continue into the full intake later.
            self.finished.emit()
            return
        # complete_intake refuses an intake with required answers missing or answers to
        # check; the draft is kept as it is (every answer is saved), to finish later.
        # The message is in the staff member's language, section names too (not the
        # language the questions are asked in).
        titles = ", ".join(self.pages[s].section.title.get(ui_language()) for s in waiting)
        not_finished(self, titles, lambda: self._show_section(waiting[0]))

    def teardown(self) -> None:
        """The shell drops this page (another page, or the app locks): keep what was typed."""
        if not self._session.locked:
            self._commit_focused()

    # -- answers --------------------------------------------------------------------------

    def _view(self, field_id: str) -> FieldView | None:
        for page in self.pages.values():
            if field_id in page.views:
                return page.views[field_id]
        return None

    def _on_commit(self, field_id: str) -> None:
        view = self._view(field_id)
        if view is None or self.draft is None or self._asking:
            return
        raw = view.raw_value()
        if keeps_answer(raw):
            view.set_input_error(None)
            return
        self._send(field_id, raw, None)

    def _send(self, field_id: str, raw: object, reason: str | None) -> None:
        """Send what was entered to be saved, and show what comes back."""
        view, draft = self._view(field_id), self.draft
        assert view is not None and draft is not None
        editor = view.editor if isinstance(view, QuestionRow) else None
        try:
            if is_repeat(draft.question(field_id)) and isinstance(editor, RepeatGroupEditor):
                saved = draft.save_items(field_id, editor.raw_value(), reason)
                editor.show_problems(saved.problems)
            else:
                saved = draft.save(field_id, raw, reason)
        except InvalidAnswer as exc:
            view.set_input_error(exc.text)
            self.saved.setText(self.tr("Not saved: this answer needs a check."))
            self._refresh()
            return
        except ReasonRequired:
            view.set_input_error(None)
            self._ask_reason(field_id, raw)
            return
        except ScreenerError as exc:
            self._show_stored(field_id)
            report_error(self, exc)
            return
        view.set_input_error(None)
        self._saved(saved)

    def _ask_reason(self, field_id: str, raw: object) -> None:
        assert self.draft is not None
        self._asking = True
        back_to = QApplication.focusWidget()
        dialog = ReasonDialog(self.draft.question(field_id).label.get(self.lang), self)
        dialog.finished.connect(lambda result: self._reason_given(dialog, field_id, raw, result))
        dialog.finished.connect(lambda _r: self._refocus(back_to))
        dialog.open()

    def _refocus(self, widget: QWidget | None) -> None:
        """After a dialog, the keyboard goes back to where the person was."""
        self.activateWindow()
        if widget is not None and self.isAncestorOf(widget) and widget.isVisible():
            widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _reason_given(self, dialog: ReasonDialog, field_id: str, raw: object,
                      result: int) -> None:
        self._asking = False
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.reason():
            self._send(field_id, raw, dialog.reason())
        else:
            self._show_stored(field_id)
            self._refresh()

    def _saved(self, saved: SavedAnswer) -> None:
        if not saved.changed:
            self._refresh()
            return
        self._show_stored(saved.field_id)
        self.saved.setText(self.tr("Saved at {time}").format(
            time=datetime.now().astimezone().strftime("%H:%M:%S")))
        self._refresh()
        self._quick_next()

    def _show_stored(self, field_id: str) -> None:
        """Show the stored answer (normalised: phone digits grouped, SSN masked, ...)."""
        view = self._view(field_id)
        if view is not None and self.draft is not None:
            view.set_value(self.draft.values.get(field_id))

    def _commit_focused(self) -> None:
        if self._focused is not None and self.current is not None \
                and self._focused in self.pages[self.current].views:
            self._on_commit(self._focused)

    def _on_focus(self, field_id: str) -> None:
        self._focused = field_id
        if self.draft is not None and self.current is not None:
            try:
                self.draft.set_position(self.current, field_id)
            except ScreenerError as exc:
                report_error(self, exc)

    # -- sections -------------------------------------------------------------------------

    def _neighbour(self, step: int) -> str | None:
        return self.draft.neighbour(self.current, step) if self.draft is not None else None

    def _step(self, step: int) -> None:
        target = self._neighbour(step)
        if target is not None:
            self._show_section(target)

    def _show_section(self, section_id: str, field_id: str | None = None) -> None:
        if self.draft is None or section_id not in self.pages:
            return
        if self.current is not None and self.current != section_id:
            self._commit_focused()
            self._reviewed.add(self.current)
        self.current = section_id
        page = self.pages[section_id]
        self.stack.setCurrentWidget(page)
        self._refresh()
        target = self.draft.row_of(field_id)
        if not (target and page.focus_field(target)) and not page.focus_first():
            self.next_button.setFocus()
        if not self.isAncestorOf(self.focusWidget()):
            self.draft.set_position(section_id, target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or self.current is None:
            super().keyPressEvent(event)
            return
        event.accept()
        if self.quick.on:
            return  # the quick screen moves to its next question once the answer is saved
        unread = self.pages[self.current].input_errors()
        if unread:
            self.pages[self.current].focus_field(unread[0])
            return
        target = self._neighbour(1)
        if target is not None:
            self._show_section(target)
        else:
            self.finish_button.setFocus(Qt.FocusReason.TabFocusReason)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Save the answer being left first: it may show the questions that come next (a
        # children count shows "Add an entry"), and Tab must reach them, not skip past.
        before = QApplication.focusWidget()
        self._commit_focused()
        if QApplication.focusWidget() is not before:
            return True  # the quick screen went on to its next question
        return super().focusNextPrevChild(next)

    def hideEvent(self, event: QHideEvent) -> None:
        if not self._session.locked:
            self._commit_focused()  # leaving the page keeps what was being typed
        super().hideEvent(event)

    # -- showing the state ----------------------------------------------------------------

    def _refresh(self) -> None:
        draft = self.draft
        if draft is None:
            return
        state = draft.state
        if self.current in self.pages:  # other pages catch up when they are shown
            self.pages[self.current].apply_state(state, self.current in self._reviewed)
        self.banner.set_flags([(f.label.get(self.lang), f.urgent) for f in state.flags],
                              protocol_steps(((f.id, f.urgent) for f in state.flags), self.lang))
        unread = {s: len(p.input_errors()) for s, p in self.pages.items()}
        self.section_list.update_status(self.lang, state.visible_sections,
                                        draft.issues_by_section(), unread, self.current,
                                        self._reviewed | {self.current or ""})
        self.side.show_progress(*draft.answered_counts())
        self.back_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setEnabled(self._neighbour(1) is not None)

    def _retext(self) -> None:
        draft = self.draft
        if draft is None:
            return
        heading = draft.form.title.get(self.lang)
        if draft.client_name:
            heading = f"{heading} — {draft.client_name}"
        self.title.setText(f"<b>{html.escape(heading)}</b>")
        notes = []
        if draft.complete:
            notes.append(self.tr("This intake is complete. A changed answer asks why; the "
                                 "earlier answer is kept in its history."))
        if draft.state.version_changed:
            notes.append(self.tr("These answers were taken with version {old} of the form; the "
                                 "questions shown are version {new}.").format(
                old=draft.intake.form_version, new=draft.form.version))
        self.notice.setText(" ".join(notes))
        self.notice.setVisible(bool(notes))

    def _language_chosen(self, index: int) -> None:
        self.lang = str(self.lang_combo.itemData(index))
        for page in self.pages.values():
            page.set_language(self.lang)
        self._retext()
        self._refresh()
        if self.quick.on and self.draft is not None:
            self.quick.advance(self.draft, self.lang)

    def _fix_tab_order(self) -> None:
        """Tab follows the page: side panel, then the questions in order, then the buttons."""
        chain: list[QWidget] = [self.lang_combo, self.quick.button, self.quick.skip_button,
                                self.section_list]
        for page in self.pages.values():
            chain.extend(page.focus_chain())
        chain += [self.back_button, self.next_button, self.finish_button]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _complete(self) -> None:
        draft = self.draft
        if draft is None:
            return
        if draft.complete:
            self.finished.emit()
            return
        self.finish_button.setEnabled(False)
        run_op(self, lambda _p: draft.complete_now(), self._completed,
               on_failure=self._complete_failed, label=self.tr("Finishing the intake…"))

    def _completed(self, intake: services.Intake) -> None:
        if self.draft is not None:
            self.draft.intake = intake
        self.finish_button.setEnabled(True)
        self._retext()
        self.finished.emit()

    def _complete_failed(self, error: BaseException) -> None:
        self.finish_button.setEnabled(True)
        report_error(self, error)
