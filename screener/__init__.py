"""Screener: offline, encrypted reentry intake for Los Angeles County."""

from __future__ import annotations

from importlib import metadata


def _stamp() -> tuple[str | None, str | None]:
    """(version, build date) stamped by build_installer.py into frozen builds, else Nones."""
    try:
        # written by build_installer.py into the build only, never into the source tree
        from screener import _build_info as info  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None, None
    return str(info.VERSION), str(info.BUILD_DATE)


def _version(stamped: str | None) -> str:
    if stamped:
        return stamped
    try:
        return metadata.version("screener")
    except metadata.PackageNotFoundError:
        return "0.0.0+checkout"


_STAMPED_VERSION, __build_date__ = _stamp()
__version__ = _version(_STAMPED_VERSION)


def version_text() -> str:
    """What `--version` and the About box show, e.g. "Screener 0.1.0 (built 2026-11-25)"."""
    built = f" (built {__build_date__})" if __build_date__ else ""
    return f"Screener {__version__}{built}"
