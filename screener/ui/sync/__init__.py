"""Sync screens: `export_dialog.ExportDialog`, `import_dialog.ImportDialog`,
`conflicts_page.ConflictsPage`, `duplicates_page.DuplicatesPage`.

Standalone widgets; the main window decides where they live. Each takes the signed-in
`Session` and calls only `screener.services`. Nothing is imported here, so that walking the
package (as the layering test does) does not load Qt.
"""
