"""Alt+letter keys (mnemonics) of a window, and the ones two controls share.

Two controls with the same letter in one window make Alt+letter cycle between them (or open a
menu instead of pressing the button): the keyboard path the person learned breaks. The tests
and the screenshot script check every window in both languages with `mnemonic_clashes`.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget


def mnemonic_of(text: str) -> str | None:
    """The letter after a single '&' ("&&" is a literal ampersand), lower-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def _texts(window: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QMenuBar):
            texts += [a.text() for a in widget.actions() if a.isVisible()]
    return texts


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Letters that more than one visible control of `window` uses, with those controls' texts."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in _texts(window):
        letter = mnemonic_of(text)
        if letter is not None:
            by_letter[letter].append(text)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


#: Clashes the screenshot scripts met, by screenshot name (they report them and fail).
SEEN: dict[str, dict[str, list[str]]] = {}


def note_clashes(name: str, widget: QWidget) -> None:
    """Remember the clashes of the window showing `widget` (the screenshot scripts call it)."""
    clashes = mnemonic_clashes(widget.window())
    if clashes:
        SEEN[name] = clashes


def report_clashes() -> int:
    """Print what `note_clashes` found to stderr; 1 when there was anything, else 0."""
    import sys

    for name, clashes in SEEN.items():
        for letter, texts in clashes.items():
            print(f"{name}: Alt+{letter.upper()} is on {texts}", file=sys.stderr)
    return 1 if SEEN else 0
