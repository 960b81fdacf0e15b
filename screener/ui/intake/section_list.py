"""The list of sections at the side of the wizard, with what each still needs.

Each entry says in words (and a sign, never colour alone) whether the section is done,
still misses required answers, or has answers to check. Sections hidden by skip logic are
left out. Choosing an entry (click, or arrow keys then Return) opens that section.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from screener.forms import Section
from screener.ui.intake.quick_panel import QuickPanel

_SECTION = Qt.ItemDataRole.UserRole


class SectionList(QListWidget):
    """Emits `section_chosen(section_id)` when the person picks a section."""

    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section_list")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(1)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._sections: list[Section] = []

    def set_sections(self, sections: Sequence[Section]) -> None:
        self.clear()
        self._sections = list(sections)
        for section in sections:
            item = QListWidgetItem()
            item.setData(_SECTION, section.id)
            self.addItem(item)

    def update_status(
        self,
        lang: str,
        visible: Sequence[str],
        issues: Mapping[str, tuple[int, int]],
        unread: Mapping[str, int],
        current: str | None,
        visited: Collection[str] = (),
    ) -> None:
        """Refresh every entry: `issues` = (required missing, problems) per section,
        `unread` = answers typed but not readable (not saved) per section; a section not
        `visited` yet with nothing missing says so instead of "Nothing missing"."""
        for row, section in enumerate(self._sections):
            item = self.item(row)
            shown = section.id in visible
            item.setHidden(not shown)
            if not shown:
                continue
            missing, problems = issues.get(section.id, (0, 0))
            problems += unread.get(section.id, 0)
            title = section.title.get(lang)
            if problems:
                status = self.tr("⚠ Answers to check: {n}").format(n=problems)
            elif missing:
                status = self.tr("○ Required answers missing: {n}").format(n=missing)
            elif section.id not in visited:
                status = self.tr("· Not visited yet")
            else:
                status = self.tr("✓ Nothing missing")
            item.setText(f"{title}\n   {status}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: {status}")
            font = item.font()
            font.setBold(section.id == current)
            item.setFont(font)
            if section.id == current and self.currentItem() is not item:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._activated(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.section_chosen.emit(str(item.data(_SECTION)))


class WizardSidePanel(QWidget):
    """The wizard's side: the language of the questions, progress, and the section list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(290)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        lang_label = QLabel(self.tr("&Language of the questions:"), self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.setObjectName("language")
        self.lang_combo.addItem(self.tr("English"), "en")
        self.lang_combo.addItem(self.tr("Español (Spanish)"), "es")
        self.lang_combo.setAccessibleName(self.tr("Language of the questions"))
        lang_label.setBuddy(self.lang_combo)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)  # the count is on its own line: the fill hid it
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Questions answered"))
        self.progress_text = QLabel(self)
        self.progress_text.setObjectName("progress_text")
        self.quick = QuickPanel(self)
        sections_label = QLabel(self.tr("&Sections"), self)
        self.section_list = SectionList(self)
        self.section_list.setAccessibleName(self.tr("Sections of the form"))
        sections_label.setBuddy(self.section_list)
        for w in (lang_label, self.lang_combo, self.progress_text, self.progress, self.quick,
                  sections_label):
            layout.addWidget(w)
        layout.addWidget(self.section_list, 1)

    def show_progress(self, answered: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(answered)
        text = self.tr("{n} of {total} questions shown answered").format(n=answered,
                                                                          total=total)
        self.progress.setFormat(text)
        self.progress_text.setText(text)
        self.progress.setAccessibleDescription(text)
