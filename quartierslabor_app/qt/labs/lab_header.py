"""The selected lab's header: name, district, date, venue, capacity, and an edit button."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import translate
from .lab_service import LabRow


class LabHeader(QWidget):
    edit_requested = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        text = QVBoxLayout()
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.details_label = QLabel()
        self.details_label.setStyleSheet("color: palette(dark);")
        text.addWidget(self.name_label)
        text.addWidget(self.details_label)
        layout.addLayout(text, 1)
        self.edit_button = QPushButton(translate("LabHeader", "Bearbeiten …"))
        self.edit_button.setToolTip(translate("LabHeader", "Name, Stadtbezirk, Datum, Ort und Plätze ändern"))
        self.edit_button.clicked.connect(self.edit_requested)
        layout.addWidget(self.edit_button)

    def set_lab(self, lab: Optional[LabRow]) -> None:
        if lab is None:
            self.name_label.setText("")
            self.details_label.setText("")
            self.edit_button.setEnabled(False)
            return
        parts = [lab.district, lab.date_text]
        if lab.venue:
            parts.append(lab.venue)
        parts.append(translate("LabHeader", "{0} Plätze").format(lab.capacity))
        self.name_label.setText(lab.name)
        self.details_label.setText(" · ".join(parts))
        self.edit_button.setEnabled(True)
