"""Loading the Spanish translation (resources/i18n/screener_es.qm) and Qt's own.

The language is the one chosen in the app (kept in QSettings as "language"), else
`SCREENER_LANG`, else the system locale's: Spanish when the system is Spanish.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from screener import paths

LANGUAGES = ("en", "es")
LANGUAGE_KEY = "language"


def system_language() -> str:
    """"es" when the system locale is Spanish, else "en"."""
    return "es" if QLocale.system().language() == QLocale.Language.Spanish else "en"


def chosen_language(settings: QSettings) -> str:
    """The language to start in (see the module docstring)."""
    for value in (settings.value(LANGUAGE_KEY, ""), os.environ.get("SCREENER_LANG", "")):
        if isinstance(value, str) and value in LANGUAGES:
            return value
    return system_language()


class Translations:
    """The translators installed in the application; `use(lang)` switches them."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def use(self, language: str) -> None:
        """Install the translators for `language` ("en" removes them)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language if language in LANGUAGES else "en"
        if self.language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates))
        ours = QTranslator(self._app)
        if ours.load(f"screener_{self.language}", str(paths.resource("i18n"))):
            self._install(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{self.language}", qt_dir):
            self._install(qt)

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)
