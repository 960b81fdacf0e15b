"""Where things are: the user's data folder and the files Screener ships with.

Works from a source checkout and inside a PyInstaller bundle (where files are unpacked under
`sys._MEIPASS`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from screener import platform

APP_NAME = "Screener"
APP_AUTHOR = "LACountyReentry"

#: Name of the database file inside the data folder.
DB_FILENAME = "screener.db"


def install_root() -> Path:
    """The folder holding `forms/`, `rules/` and `resources/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return install_root() / "forms"


def rules_dir() -> Path:
    return install_root() / "rules"


def resources_dir() -> Path:
    return install_root() / "resources"


def resource(*parts: str) -> Path:
    """A file under `resources/`, e.g. `resource("fonts", "DejaVuSans.ttf")`."""
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The default folder for the database; `SCREENER_DATA_DIR` overrides it."""
    override = os.environ.get("SCREENER_DATA_DIR")
    if override:
        return Path(override)
    return platform.current().data_dir(APP_NAME, APP_AUTHOR)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


#: The database this process works on, once one is opened (see `use_database`).
_database_in_use: Path | None = None


def use_database(path: Path | None) -> None:
    """Say which database this process works on, so the content pack installed for it is
    the one in force (`content_dir`); None: back to the default database."""
    global _database_in_use
    _database_in_use = path


def content_dir(database: Path | None = None) -> Path:
    """Where the content packs from the office are installed for `database` (default: the
    one in use): `screener.db.content/` next to `screener.db` in the data folder, like its
    keys file; never the program folder, which may be read-only and is replaced by updates."""
    db = database or _database_in_use or default_db_path()
    return db.with_name(db.name + ".content")
