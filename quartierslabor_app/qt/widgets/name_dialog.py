"""Asking for a name (a group, a lab): QInputDialog.getText, but wide enough for long names."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

# QInputDialog's default (~200 px) cuts a group name like „Präsenz von Polizei und Ordnungsamt“
NAME_FIELD_MIN_WIDTH = 400
NAME_FIELD_MAX_WIDTH = 720


def name_dialog(parent: Optional[QWidget], title: str, label: str, text: str = "") -> QInputDialog:
    """The dialog ``ask_name`` shows (separate so that tests can look at it)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    # the dialog's layout (SetMinAndMaxSize) overrides a minimum width set on the dialog: widen the field
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        room = edit.fontMetrics().horizontalAdvance(text + "MMM")
        edit.setMinimumWidth(min(NAME_FIELD_MAX_WIDTH, max(NAME_FIELD_MIN_WIDTH, room)))
    return dialog


def ask_name(parent: Optional[QWidget], title: str, label: str, text: str = "") -> tuple[str, bool]:
    """Like ``QInputDialog.getText``: the entered text and whether the user pressed OK."""
    dialog = name_dialog(parent, title, label, text)
    try:
        accepted = bool(dialog.exec())
        return dialog.textValue(), accepted
    finally:
        dialog.deleteLater()
