"""File choosing for bundles: Qt's own dialog with history off, so exported bundles do not
land in the desktop's "recent files" list (DESIGN §6)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

BUNDLE_FILTER = "Screener bundles (*.screener-bundle)"


def _dialog(parent: QWidget | None, title: str) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setHistory([])
    dialog.setNameFilter(BUNDLE_FILTER)
    return dialog


def choose_save_path(parent: QWidget | None, title: str) -> str | None:
    """A path to write a bundle to, or None."""
    dialog = _dialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("screener-bundle")
    if dialog.exec() and dialog.selectedFiles():
        return dialog.selectedFiles()[0]
    return None


def choose_open_paths(parent: QWidget | None, title: str) -> list[str]:
    """Bundles to import (may be empty)."""
    dialog = _dialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if dialog.exec():
        return list(dialog.selectedFiles())
    return []
