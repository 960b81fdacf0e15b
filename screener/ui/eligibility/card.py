"""One program's determination as a card: the outcome (a sign and a word, never colour
alone), the priority reasons, every criterion met / not met / unknown in the client's
language, and for "needs information" a button per missing question."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from screener.rules import CriterionTrace, MissingField, Outcome, ProgramDetermination, Truth

#: Called with the missing field's form id and field id when its button is pressed.
AskCallback = Callable[[MissingField], None]

_OUTCOME_STYLE = {
    Outcome.ELIGIBLE: "background: #e3f4e6; color: #0b4d1a; border: 1px solid #4f9a5f;",
    Outcome.NOT_ELIGIBLE: "background: #f1f1f1; color: #333333; border: 1px solid #8c8c8c;",
    Outcome.NEEDS_INFORMATION: "background: #fff4ce; color: #3b2f00; border: 1px solid #c8a600;",
}


def outcome_text(outcome: Outcome) -> str:
    """The outcome as a sign and words (the sign repeats the words, for a quick scan)."""
    return {
        Outcome.ELIGIBLE: QCoreApplication.translate("ProgramCard", "✔ Eligible"),
        Outcome.NOT_ELIGIBLE: QCoreApplication.translate("ProgramCard", "✖ Not eligible"),
        Outcome.NEEDS_INFORMATION: QCoreApplication.translate("ProgramCard", "? Needs information"),
    }[outcome]


def truth_text(status: Truth) -> str:
    return {
        Truth.MET: QCoreApplication.translate("ProgramCard", "✔ met"),
        Truth.NOT_MET: QCoreApplication.translate("ProgramCard", "✖ not met"),
        Truth.UNKNOWN: QCoreApplication.translate("ProgramCard", "? unknown"),
    }[status]


def trace_html(node: CriterionTrace, lang: str) -> str:
    """The criteria tree as nested lists: each line says met / not met / unknown."""
    return f"<ul style='margin-left:-20px'>{_node_html(node, lang)}</ul>"


def _node_html(node: CriterionTrace, lang: str) -> str:
    status = html.escape(truth_text(node.status))
    if node.children:
        heading = {
            "all": QCoreApplication.translate("ProgramCard", "All of these:"),
            "any": QCoreApplication.translate("ProgramCard", "At least one of these:"),
            "not": QCoreApplication.translate("ProgramCard", "None of this:"),
        }.get(node.kind, "")
        title = node.text.get(lang) if node.text is not None else heading
        inner = "".join(_node_html(c, lang) for c in node.children)
        return f"<li><i>{html.escape(title)}</i> ({status})<ul>{inner}</ul></li>"
    text = node.text.get(lang) if node.text is not None else (node.id or "")
    return f"<li><b>{status}</b> — {html.escape(text)}</li>"


class ProgramCard(QFrame):
    """A program's outcome and its reasons."""

    def __init__(
        self, determination: ProgramDetermination, lang: str, ask: AskCallback,
        parent: QWidget | None = None, packet: Callable[[str], None] | None = None,
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
        head.addWidget(title, 1)
        head.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        if d.priority:
            items = "".join(f"<li>{html.escape(p.text.get(lang))}</li>" for p in d.priority)
            heading = html.escape(self.tr("Priority:"))
            priority = QLabel(f"<b>{heading}</b><ul style='margin-left:-20px'>{items}</ul>", self)
            priority.setWordWrap(True)
            layout.addWidget(priority)
        heading = html.escape(self.tr("Reasons:"))
        reasons = QLabel(f"<b>{heading}</b>" + trace_html(d.trace, lang), self)
        reasons.setWordWrap(True)
        reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(reasons)
        self.ask_buttons: list[QPushButton] = []
        if d.outcome is Outcome.NEEDS_INFORMATION and d.missing:
            layout.addWidget(QLabel(self.tr("To decide, ask:"), self))
            for missing in d.missing:
                button = QPushButton(self.tr("Ask: {question}").format(
                    question=missing.label.get(lang)).replace("&", "&&"), self)
                button.setObjectName(f"ask_{d.program_id}_{missing.field_id}")
                button.setAccessibleName(self.tr("Go to the question: {question}").format(
                    question=missing.label.get(lang)))
                button.setAutoDefault(True)
                button.clicked.connect(lambda _c=False, m=missing: ask(m))
                row = QHBoxLayout()
                row.addWidget(button)
                row.addStretch(1)
                layout.addLayout(row)
                self.ask_buttons.append(button)
        if d.outcome is Outcome.ELIGIBLE and packet is not None:
            button = QPushButton(self.tr("Referral packet…"), self)
            button.setObjectName(f"packet_{d.program_id}")
            button.setAccessibleName(self.tr("Make a referral packet for {program}").format(
                program=d.title.get(lang)))
            button.clicked.connect(lambda _c=False: packet(d.program_id))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            self.ask_buttons.append(button)
        self.setAccessibleName(f"{d.title.get(lang)}: {outcome_text(d.outcome)}")
