"""The dialog for unhandled errors, and the ``sys.excepthook`` that opens it.

The app never just vanishes: every unhandled exception is written to the rotating log
file (:mod:`quartierslabor_app.core.crashlog`) and shown with copyable details.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..core.crashlog import format_exception_details, write_crash_log
from ..core.errors import UserError, is_storage_full, storage_full_error
from .i18n import localized, translate

log = logging.getLogger(__name__)

#: open error dialogs (kept referenced; capped so an error loop cannot flood the screen)
_open_dialogs: list["ErrorDialog"] = []
MAX_OPEN_DIALOGS = 3


class ErrorDialog(QDialog):
    """Message, copyable details, the log file's path, and a "Kopieren" button."""

    def __init__(self, message: str, details: str, log_path: Optional[Path] = None,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ErrorDialog", "Quartierslabor – unerwarteter Fehler"))
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)

        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.message_label)

        explanation = translate("ErrorDialog", "Ihre bisher gespeicherten Daten sind nicht betroffen: jede "
                                "Eingabe wird sofort in der Datenbank gesichert. Bitte melden Sie den Fehler mit "
                                "den Details unten.")
        hint = QLabel(explanation)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.details_edit = QPlainTextEdit(details)
        self.details_edit.setReadOnly(True)
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.details_edit, 1)

        self.log_label = QLabel()
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if log_path is not None:
            self.log_label.setText(translate("ErrorDialog", "Protokolldatei: {0}").format(log_path))
        else:
            self.log_label.setText(translate("ErrorDialog", "Die Protokolldatei konnte nicht geschrieben werden."))
        layout.addWidget(self.log_label)

        row = QHBoxLayout()
        self.copy_button = QPushButton(translate("ErrorDialog", "Kopieren"))
        self.copy_button.setToolTip(translate("ErrorDialog",
                                              "Fehlermeldung und Details in die Zwischenablage kopieren"))
        self.copy_button.clicked.connect(self.copy_details)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(translate("ErrorDialog", "Schließen"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        row.addWidget(buttons)
        layout.addLayout(row)
        self._log_path = log_path

    def full_text(self) -> str:
        text = f"{self.message_label.text()}\n\n{self.details_edit.toPlainText()}"
        if self._log_path is not None:
            text += "\n" + translate("ErrorDialog", "Protokolldatei: {0}").format(self._log_path)
        return text

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.full_text())
        self.copy_button.setText(translate("ErrorDialog", "Kopiert ✓"))


def _forget(dialog: ErrorDialog) -> None:
    if dialog in _open_dialogs:
        _open_dialogs.remove(dialog)


def show_exception_dialog(exc: BaseException, parent: Optional[QWidget] = None,
                          context: str = "") -> Optional[ErrorDialog]:
    """Log ``exc`` to the crash log and show it non-blocking. Returns the dialog (or None)."""
    try:
        log_path: Optional[Path] = write_crash_log(exc)
    except Exception:  # noqa: BLE001 - the log folder may be unwritable; still show the error
        log_path = None
    if QApplication.instance() is None:
        print(format_exception_details(exc), file=sys.stderr)
        return None
    if len(_open_dialogs) >= MAX_OPEN_DIALOGS:
        return None
    if isinstance(exc, UserError):
        message = localized(exc)
    elif is_storage_full(exc):   # e.g. a write outside a unit of work: German, not "OperationalError …"
        message = localized(storage_full_error())
    else:
        error = f"{exc.__class__.__name__}: {localized(exc)}"   # a core text (Cancelled) in the UI language
        if context:
            message = translate("ErrorDialog", "Es ist ein unerwarteter Fehler aufgetreten bei „{context}“: "
                                "{error}").format(context=context, error=error)
        else:
            message = translate("ErrorDialog", "Es ist ein unerwarteter Fehler aufgetreten: {error}").format(
                error=error)
    dialog = ErrorDialog(message, format_exception_details(exc), log_path, parent)
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result, d=dialog: _forget(d))
    dialog.show()
    dialog.raise_()
    return dialog


def handle_unhandled_exception(exc_type: type[BaseException], exc: BaseException,
                               tb: Optional[TracebackType]) -> Optional[ErrorDialog]:
    """The function installed as ``sys.excepthook``."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return None
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    try:
        return show_exception_dialog(exc)
    except Exception:  # noqa: BLE001 - never recurse into the hook
        log.exception("Could not show the error dialog")
        sys.__excepthook__(exc_type, exc, tb)
        return None


def install_excepthook() -> None:
    sys.excepthook = handle_unhandled_exception


def open_error_dialogs() -> list[ErrorDialog]:
    return list(_open_dialogs)
