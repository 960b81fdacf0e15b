"""First run: create the encrypted database and the first administrator account."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.clock import Clock
from screener.errors import ScreenerError
from screener.paths import DB_FILENAME
from screener.progress import Progress
from screener.ui.dialogs.password_fields import NewPasswordFields
from screener.ui.tasks import run_op
from screener.ui.widgets import buddy, error_label, named


class FirstRunDialog(QDialog):
    """Asks where to keep the data, the first admin's name and password, then creates both.

    `created(Path, str)` carries the database path and the admin's user name.
    """

    created = Signal(object, str)

    def __init__(self, default_path: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setWindowTitle(self.tr("Welcome to Screener"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr(
            "No Screener database was found on this computer. Create one now: it is encrypted, "
            "and only staff accounts with a password can open it. You will be its first "
            "administrator and can add other staff afterwards."
        ))
        intro.setWordWrap(True)

        self.folder = QLineEdit(str(default_path.parent))
        browse = QPushButton(self.tr("&Browse…"))
        named(browse, self.tr("Choose the data folder"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self._filename = default_path.name or DB_FILENAME

        self.username = QLineEdit("admin")
        self.passwords = NewPasswordFields()
        self.error = error_label()

        form = QFormLayout()
        form.addRow(buddy(self.tr("&Data folder:"), self.folder), folder_row)
        form.addRow(buddy(self.tr("Administrator &user name:"), self.username), self.username)
        form.addRow(self.passwords)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            self.tr("&Create database"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        quit_button = self.buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self._create)
        quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.passwords.changed.connect(self._update)
        self.username.textChanged.connect(self._update)
        self.setTabOrder(self.folder, browse)
        self.setTabOrder(browse, self.username)
        self.setTabOrder(self.username, self.passwords.password)
        self.setTabOrder(self.passwords.password, self.passwords.repeat)
        self._update()
        self.create_button.setDefault(True)  # once it is inside the dialog
        self.passwords.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def db_path(self) -> Path:
        """Where the database will be created."""
        return Path(self.folder.text().strip()).expanduser() / self._filename

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the data folder"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # no OS "recent" list
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def _update(self) -> None:
        ready = bool(self.username.text().strip() and self.folder.text().strip())
        self.create_button.setEnabled(ready and self.passwords.acceptable())

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        path, name, password = self.db_path(), self.username.text(), self.passwords.value()
        clock = self._clock
        self.setEnabled(False)
        self.error.hide()

        def work(progress: Progress) -> str:
            services.create_database(path, name, password, clock)
            return name.strip().lower()

        run_op(self, work, lambda admin: self._done(path, admin), on_failure=self._failed,
               label=self.tr("Creating the encrypted database…"))

    def _done(self, path: Path, admin: str) -> None:
        self.passwords.clear()
        self.created.emit(path, admin)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(str(error) if isinstance(error, ScreenerError) else
                           self.tr("The database could not be created ({name}).").format(
                               name=type(error).__name__))
        self.error.show()
