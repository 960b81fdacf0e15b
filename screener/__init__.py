"""Screener: offline, encrypted reentry intake for Los Angeles County."""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING


@functools.cache
def _stamp() -> tuple[str | None, str | None]:
    """(version, build date) stamped by build_installer.py into frozen builds, else Nones."""
    try:
        # written by build_installer.py into the build only, never into the source tree
        info = importlib.import_module("screener._build_info")
    except ImportError:
        return None, None
    return str(info.VERSION), str(info.BUILD_DATE)


@functools.cache
def _version() -> str:
    stamped, _ = _stamp()
    if stamped:
        return stamped
    from importlib import metadata  # only now: importing it costs tens of ms at start-up

    try:
        return metadata.version("screener")
    except metadata.PackageNotFoundError:
        return "0.0.0+checkout"


if TYPE_CHECKING:
    __version__: str
    __build_date__: str | None


def __getattr__(name: str) -> str | None:
    """`__version__` and `__build_date__`, looked up on first use (PEP 562)."""
    if name == "__version__":
        return _version()
    if name == "__build_date__":
        return _stamp()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def version_text() -> str:
    """What `--version` and the About box show, e.g. "Screener 0.1.0 (built 2026-11-25)"."""
    built = _stamp()[1]
    return f"Screener {_version()}" + (f" (built {built})" if built else "")
