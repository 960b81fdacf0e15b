"""Screener: offline, encrypted reentry intake for Los Angeles County."""

from __future__ import annotations

from typing import TYPE_CHECKING


def _version() -> str:
    import importlib

    try:
        # written by build_installer.py into frozen builds, where package metadata is absent
        return str(importlib.import_module("screener._build_info").VERSION)
    except ImportError:
        pass
    from importlib import metadata  # only now: importing it costs tens of ms at start-up

    try:
        return metadata.version("screener")
    except metadata.PackageNotFoundError:
        return "0.0.0+checkout"


if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    """`__version__`, looked up on first use (PEP 562) and then kept."""
    if name == "__version__":
        globals()["__version__"] = version = _version()
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
