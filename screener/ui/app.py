"""Desktop app entry point."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def run_app(db: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("Screener — the desktop app is being built. Use `screener --help` meanwhile.")
    label.setMargin(24)
    label.show()
    return int(app.exec())


def main() -> int:
    from screener.cli import main as cli_main

    return cli_main()
