"""Screener: offline, encrypted reentry intake for Los Angeles County."""

from __future__ import annotations

from importlib import metadata


def _version() -> str:
    try:
        # written by build_installer.py into frozen builds, where package metadata is absent
        from screener import _build_info  # type: ignore[attr-defined,unused-ignore]

        return str(_build_info.VERSION)
    except ImportError:
        pass
    try:
        return metadata.version("screener")
    except metadata.PackageNotFoundError:
        return "0.0.0+checkout"


__version__ = _version()
