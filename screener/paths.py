"""Where things are: the user's data folder and the files Screener ships with.

Works from a source checkout and inside a PyInstaller bundle (where files are unpacked under
`sys._MEIPASS`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

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
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


#: The folder of the database in use, once one is opened (see `use_data_dir`).
_data_dir_in_use: Path | None = None


def use_data_dir(folder: Path | None) -> None:
    """Say which data folder this process works in (the folder of the database opened), so
    the content pack installed there is the one in force; None: back to `data_dir()`."""
    global _data_dir_in_use
    _data_dir_in_use = folder


def content_dir() -> Path:
    """Where content packs from the office are installed: `content/` in the data folder in
    use (never the program folder, which may be read-only and is replaced by updates)."""
    return (_data_dir_in_use or data_dir()) / "content"
