"""Answer history of one client: pick an intake and a field, see every value it has had."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import Intake, JsonValue
from screener.errors import FormError, ScreenerError
from screener.forms.catalog import FormCatalog
from screener.forms.display import format_answer, mask_ssn
from screener.ui.widgets import buddy, named, show_day, show_time


def ui_language() -> str:
    """"es" when the app runs in Spanish (form labels and answers follow it)."""
    return "es" if QLocale().language() == QLocale.Language.Spanish else "en"


def show_value(catalog: FormCatalog | None, field_id: str, value: JsonValue) -> str:
    """An answer as people read it; SSNs masked even when the form is unknown."""
    if catalog is not None:
        try:
            return format_answer(catalog.question(field_id), value, ui_language())
        except FormError:
            pass
    if field_id == "ssn" and value:
        return mask_ssn(value)
    return "" if value is None else str(value)


def field_label(catalog: FormCatalog | None, field_id: str) -> str:
    if catalog is not None:
        try:
            label = catalog.question(field_id).label.get(ui_language())
            return label or field_id  # the question, never its internal id
        except FormError:
            pass
    return field_id


def _form_title(catalog: FormCatalog | None, form_id: str) -> str:
    if catalog is not None:
        try:
            return catalog.form(form_id).title.get(ui_language())
        except FormError:
            pass
    return form_id


class AnswerHistory(QWidget):
    """Who changed which answer, when and why."""

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._catalog: FormCatalog | None = None
        self.intake = QComboBox()
        self.field = QComboBox()
        self.field.setMinimumContentsLength(30)
        self.versions = QTreeWidget()
        named(self.versions, self.tr("Answer history"))
        self.versions.setRootIsDecorated(False)
        self.versions.setHeaderLabels([self.tr("Value"), self.tr("Entered"), self.tr("By"),
                                       self.tr("Reason for change"), self.tr("Replaced")])
        self.versions.setColumnWidth(0, 200)
        self.versions.setColumnWidth(1, 130)
        self.versions.setColumnWidth(2, 80)
        self.versions.setColumnWidth(3, 220)
        row = QHBoxLayout()
        row.addWidget(buddy(self.tr("Inta&ke:"), self.intake))
        row.addWidget(self.intake, 1)
        row.addWidget(buddy(self.tr("Fiel&d:"), self.field))
        row.addWidget(self.field, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.versions, 1)
        self.empty = QLabel(self.tr("No answers recorded yet."))
        layout.addWidget(self.empty)
        self.intake.currentIndexChanged.connect(self._intake_chosen)
        self.field.currentIndexChanged.connect(self._field_chosen)

    def load(self, intakes: tuple[Intake, ...], catalog: FormCatalog | None) -> None:
        self._catalog = catalog
        self.intake.blockSignals(True)
        self.intake.clear()
        for intake in reversed(intakes):
            self.intake.addItem(self.tr("{date} — {form}").format(
                date=show_day(intake.started_at), form=_form_title(catalog, intake.form_id)),
                intake.id)
        self.intake.blockSignals(False)
        self._intake_chosen()

    def _intake_chosen(self) -> None:
        self.field.blockSignals(True)
        self.field.clear()
        intake_id = self.intake.currentData()
        if intake_id:
            try:
                answers = services.answers_of(self._session, intake_id)
            except ScreenerError:
                answers = ()
            for answer in sorted(answers, key=lambda a: field_label(self._catalog, a.field_id)):
                self.field.addItem(field_label(self._catalog, answer.field_id), answer.field_id)
        self.field.blockSignals(False)
        self.empty.setVisible(self.field.count() == 0)
        self._field_chosen()

    def _field_chosen(self) -> None:
        self.versions.clear()
        intake_id, field_id = self.intake.currentData(), self.field.currentData()
        if not intake_id or not field_id:
            return
        for version in reversed(services.answer_history(self._session, intake_id, field_id)):
            self.versions.addTopLevelItem(QTreeWidgetItem([
                show_value(self._catalog, field_id, version.value) or self.tr("(no answer)"),
                show_time(version.entered_at), version.entered_by, version.reason or "",
                show_time(version.replaced_at),
            ]))

    def select(self, intake_id: str, field_id: str) -> None:
        """Show one field's history."""
        self.intake.setCurrentIndex(max(0, self.intake.findData(intake_id)))
        self.field.setCurrentIndex(max(0, self.field.findData(field_id)))

    def clear(self) -> None:
        self.intake.clear()
        self.field.clear()
        self.versions.clear()
