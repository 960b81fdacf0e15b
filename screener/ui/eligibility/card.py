"""One program's determination as a card: the outcome (a sign and a word, never colour
alone) and, behind a "Reasons" button (collapsed until opened), the priority reasons, the
criteria that decided the outcome in the client's language, and for "needs information" a
button per missing question. Branches that did not matter (a "not met" alternative of a
criterion met another way) are left out."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from screener.rules import (
    CriterionTrace,
    MissingField,
    Outcome,
    ProgramDetermination,
    ProgramStatus,
    Truth,
)
from screener.ui.widgets.outcomes import outcome_text

#: Called with the missing field's form id and field id when its button is pressed.
AskCallback = Callable[[MissingField], None]

_OUTCOME_STYLE = {
    Outcome.ELIGIBLE: "background: #e3f4e6; color: #0b4d1a; border: 1px solid #4f9a5f;",
    Outcome.NOT_ELIGIBLE: "background: #f1f1f1; color: #333333; border: 1px solid #8c8c8c;",
    Outcome.NEEDS_INFORMATION: "background: #fff4ce; color: #3b2f00; border: 1px solid #c8a600;",
}


def status_text(status: ProgramStatus) -> str:
    """What a program's status means for a referral (empty for an open program)."""
    return {
        ProgramStatus.OPEN: "",
        ProgramStatus.PLANNING: QCoreApplication.translate(
            "ProgramCard", "Planning: not taking referrals yet"),
        ProgramStatus.SUBJECT_TO_FUNDING: QCoreApplication.translate(
            "ProgramCard", "Subject to funding: a candidate list, not a referral"),
        ProgramStatus.CLOSED: QCoreApplication.translate(
            "ProgramCard", "Closed: not taking referrals"),
    }[status]


def truth_text(status: Truth) -> str:
    return {
        Truth.MET: QCoreApplication.translate("ProgramCard", "✔ met"),
        Truth.NOT_MET: QCoreApplication.translate("ProgramCard", "✖ not met"),
        Truth.UNKNOWN: QCoreApplication.translate("ProgramCard", "? unknown"),
    }[status]


def trace_html(node: CriterionTrace, lang: str) -> str:
    """The criteria that decided, as nested lists: each line says met / not met / unknown."""
    return f"<ul style='margin-left:-20px'>{_node_html(node, lang)}</ul>"


def deciding(node: CriterionTrace) -> tuple[CriterionTrace, ...]:
    """The children of a group that decided its value: those with the group's own status
    (all met; the one not met; the alternative met; the unknown ones). A `not` keeps its one."""
    if node.kind == "not":
        return node.children
    same = tuple(c for c in node.children if c.status is node.status)
    return same or node.children


def _node_html(node: CriterionTrace, lang: str) -> str:
    status = html.escape(truth_text(node.status))
    if node.children:
        heading = {
            "all": QCoreApplication.translate("ProgramCard", "All of these:"),
            "any": QCoreApplication.translate("ProgramCard", "At least one of these:"),
            "not": QCoreApplication.translate("ProgramCard", "None of this:"),
        }.get(node.kind, "")
        title = node.text.get(lang) if node.text is not None else heading
        inner = "".join(_node_html(c, lang) for c in deciding(node))
        return f"<li><i>{html.escape(title)}</i> ({status})<ul>{inner}</ul></li>"
    text = node.text.get(lang) if node.text is not None else (node.id or "")
    return f"<li><b>{status}</b> — {html.escape(text)}</li>"


class ProgramCard(QFrame):
    """A program's outcome and its reasons."""

    def __init__(
        self, determination: ProgramDetermination, lang: str, ask: AskCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        d = determination
        self.determination = d
        self.setObjectName(f"card_{d.program_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(f"<b>{html.escape(d.title.get(lang))}</b>", self)
        title.setWordWrap(True)
        self.outcome = QLabel(outcome_text(d.outcome), self)
        self.outcome.setObjectName("outcome")
        self.outcome.setStyleSheet(
            f"QLabel#outcome {{ {_OUTCOME_STYLE[d.outcome]} padding: 3px 8px;"
            " border-radius: 3px; font-weight: bold; }")
        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"reasons_{d.program_id}")
        self.toggle.setText(self.tr("Reasons"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleName(self.tr("Reasons: {program}").format(
            program=d.title.get(lang)))
        self.toggle.toggled.connect(self.set_open)
        head.addWidget(title, 1)
        head.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        notes = [status_text(d.status)]
        if d.declined and d.outcome is Outcome.ELIGIBLE:
            notes.append(self.tr("The client does not want this help now: not a referral to make"))
        for note in filter(None, notes):
            label = QLabel(f"<i>{html.escape(note)}</i>", self)
            label.setObjectName("status_note")
            label.setWordWrap(True)
            layout.addWidget(label)
        self.details = QWidget(self)
        inner = QVBoxLayout(self.details)
        inner.setContentsMargins(0, 0, 0, 0)
        if d.priority:
            items = "".join(f"<li>{html.escape(p.text.get(lang))}</li>" for p in d.priority)
            heading = html.escape(self.tr("Priority:"))
            priority = QLabel(f"<b>{heading}</b><ul style='margin-left:-20px'>{items}</ul>",
                              self.details)
            priority.setWordWrap(True)
            inner.addWidget(priority)
        heading = html.escape(self.tr("Reasons:"))
        self.reasons = QLabel(f"<b>{heading}</b>" + trace_html(d.trace, lang), self.details)
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.reasons)
        self.ask_buttons: list[QPushButton] = []
        if d.outcome is Outcome.NEEDS_INFORMATION and d.missing:
            inner.addWidget(QLabel(self.tr("To decide, ask:"), self.details))
            for missing in d.missing:
                button = QPushButton(self.tr("Ask: {question}").format(
                    question=missing.label.get(lang)).replace("&", "&&"), self.details)
                button.setObjectName(f"ask_{d.program_id}_{missing.field_id}")
                button.setAccessibleName(self.tr("Go to the question: {question}").format(
                    question=missing.label.get(lang)))
                button.setAutoDefault(True)
                button.clicked.connect(lambda _c=False, m=missing: ask(m))
                row = QHBoxLayout()
                row.addWidget(button)
                row.addStretch(1)
                inner.addLayout(row)
                self.ask_buttons.append(button)
        layout.addWidget(self.details)
        self.details.setVisible(False)
        self.setAccessibleName(f"{d.title.get(lang)}: {outcome_text(d.outcome)}")

    def set_open(self, shown: bool) -> None:
        """Show or hide the reasons (collapsed at first: the summary above says enough)."""
        self.details.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)

    def focus_chain(self) -> list[QWidget]:
        """Its controls in reading order (the ask buttons only count while open)."""
        return [self.toggle, *self.ask_buttons]
