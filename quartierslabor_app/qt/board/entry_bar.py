"""The always-focused entry line: type a concern, press Enter."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...core.board.entry_syntax import parse_entry
from ..i18n import translate


class EntryBar(QWidget):
    """Entry line plus sticky place and table fields; emits ``submitted(text, place, table)``."""

    submitted = Signal(str, str, str)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.line = QLineEdit(self)
        self.line.setObjectName("cardEntry")
        self.line.setPlaceholderText(translate('EntryBar', 'Anliegen eintippen und Enter drücken – z. B. „Laute Musik nachts @Nordmarkt #3“'))
        self.line.setClearButtonEnabled(True)
        self.line.setStyleSheet("QLineEdit#cardEntry { font-size: 15pt; padding: 6px 10px; border: 2px solid #2f6fd6;"
                                " border-radius: 6px; background: white; }")
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(translate('EntryBar', 'Ort (bleibt)'))
        self.place.setMaximumWidth(170)
        self.table = QLineEdit(self)
        self.table.setPlaceholderText(translate('EntryBar', 'Tisch (bleibt)'))
        self.table.setMaximumWidth(110)
        for field in (self.place, self.table):
            field.setStyleSheet("font-size: 11pt; padding: 5px;")
            field.returnPressed.connect(self.line.setFocus)
            field.ensurePolished()
            # wide enough for the whole placeholder (in any language), never narrower than before
            fits = field.fontMetrics().horizontalAdvance(field.placeholderText()) + 2 * 5 + 12
            field.setMaximumWidth(max(field.maximumWidth(), fits))
        row.addWidget(self.line, 1)
        row.addWidget(self.place)
        row.addWidget(self.table)
        outer.addLayout(row)
        self.hint = QLabel(translate('EntryBar', 'Enter: Karte anlegen · @Ort · #Tisch · Strg+Z rückgängig · Strg+Umschalt+Z wiederholen'),
                           self)
        self.hint.setStyleSheet("color: #6b7785; font-size: 9pt;")
        outer.addWidget(self.hint)
        self.line.returnPressed.connect(self._submit)
        self.setFocusProxy(self.line)

    def _submit(self) -> None:
        entry = parse_entry(self.line.text())
        if not entry.text:
            return
        self.submitted.emit(entry.text, entry.place or self.place.text().strip(),
                            entry.table or self.table.text().strip())

    def accept(self) -> None:
        """The card was saved: clear the line for the next one (place/table stay)."""
        self.line.clear()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
