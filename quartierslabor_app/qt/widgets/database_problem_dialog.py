"""Shown when the database cannot be opened: what is wrong, restore the latest backup, or quit."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...core.errors import DatabaseError
from ..i18n import localized, translate


def describe_backup(path: Path) -> str:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
    return translate("DatabaseProblemDialog", "{name} (vom {stamp})").format(name=path.name, stamp=stamp)


class DatabaseProblemDialog(QDialog):
    """Offers: restore the newest backup / start with an empty database / quit.

    ``choice`` is one of ``"restore"``, ``"new"``, ``"quit"`` after the dialog closed.
    """

    def __init__(self, error: DatabaseError, backups: list[Path], path: Optional[Path],
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.choice = "quit"
        self.setWindowTitle(translate("DatabaseProblemDialog",
                                      "Quartierslabor – Datenbank kann nicht geöffnet werden"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        headline = translate("DatabaseProblemDialog", "<b>Die Datenbank kann nicht geöffnet werden.</b>")
        self.message_label = QLabel(f"{headline}<br><br>{_html(localized(error))}")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label, 0, Qt.AlignmentFlag.AlignTop)
        # one blank line to the note below, as between headline and message (not the labels' spare height)
        layout.addSpacing(max(0, self.fontMetrics().lineSpacing() - layout.spacing()))

        buttons = QDialogButtonBox()
        self.restore_button = None
        self.new_button = None
        if backups:
            info = QLabel(translate("DatabaseProblemDialog", "Letzte Sicherung: {0}.<br>Beim Wiederherstellen bleibt "
                                    "die beschädigte Datei als „.defekt“ daneben erhalten.").format(
                _html(describe_backup(backups[0]))))
            info.setWordWrap(True)
            layout.addWidget(info, 0, Qt.AlignmentFlag.AlignTop)
            self.restore_button = buttons.addButton(translate("DatabaseProblemDialog",
                                                              "Letzte Sicherung wiederherstellen"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(lambda: self._choose("restore"))
            self.restore_button.setDefault(True)
        elif path is not None:
            info = QLabel(translate("DatabaseProblemDialog", "Es gibt keine Sicherung. Sie können mit einer leeren "
                                    "Datenbank beginnen; die beschädigte Datei wird dabei als „.defekt“ aufbewahrt, "
                                    "nicht gelöscht."))
            info.setWordWrap(True)
            layout.addWidget(info, 0, Qt.AlignmentFlag.AlignTop)
            self.new_button = buttons.addButton(translate("DatabaseProblemDialog", "Mit leerer Datenbank beginnen"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
            self.new_button.clicked.connect(lambda: self._choose("new"))
        self.quit_button = buttons.addButton(translate("DatabaseProblemDialog", "Beenden"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        layout.addStretch(1)
        layout.addWidget(buttons)
        # as high as the wrapped texts need at this width, no spare space between them
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == "quit":
            self.reject()
        else:
            self.accept()


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>"))
