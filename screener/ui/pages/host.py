"""What the pages ask of the window that holds them (the main window is one).

A Protocol, so the pages do not import `screener.ui.main_window`, which imports them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from screener.domain import Role
    from screener.services import Session


class PageHost(Protocol):
    """The signed-in session, a few shared values and the ways to open another screen."""

    session: Session
    data_location: Path

    @property
    def auto_lock_changed(self) -> SignalInstance: ...

    def role_name(self, role: Role) -> str: ...

    def open_client(self, client_id: str) -> QWidget: ...

    def back_to_clients(self) -> None: ...

    def open_intake(self, intake_id: str, field_id: str | None = None, *,
                    quick: bool = False) -> QWidget | None: ...

    def open_eligibility(self, client_id: str) -> QWidget | None: ...

    def open_packets(self, client_id: str, program_id: str | None = None) -> QWidget | None: ...
