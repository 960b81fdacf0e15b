"""Sync screens: export and import dialogs, the conflicts and duplicates review pages.

Standalone widgets; the main window decides where they live. Each takes the signed-in
`Session` and calls only `screener.services`.
"""

from screener.ui.sync.conflicts_page import ConflictsPage
from screener.ui.sync.duplicates_page import DuplicatesPage
from screener.ui.sync.export_dialog import ExportDialog
from screener.ui.sync.import_dialog import ImportDialog

__all__ = ["ConflictsPage", "DuplicatesPage", "ExportDialog", "ImportDialog"]
