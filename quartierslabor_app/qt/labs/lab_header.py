"""The selected lab's header: name, district, date, venue, capacity, and an edit button."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import count_texts
from ..i18n import localized, translate
from ...core.lab_service import LabRow
from .lab_texts import format_date


class _ElidingLabel(QLabel):
    """One line that ends in "…" when the window is narrow (a long lab name must not widen the
    window beyond a laptop screen); ``text()`` stays the full text, the tooltip shows it."""

    MIN_WIDTH = 160

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.MIN_WIDTH), hint.height())

    def _elided(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self._elided(), self.foregroundRole())

    def _update_tip(self) -> None:
        self.setToolTip(self.text() if self._elided() != self.text() else "")

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        super().setText(text)
        self._update_tip()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._update_tip()


class LabHeader(QWidget):
    edit_requested = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        text = QVBoxLayout()
        self.name_label = _ElidingLabel()
        self.name_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.details_label = _ElidingLabel()
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
        parts = [lab.district, format_date(lab.date)]
        if lab.venue:
            parts.append(lab.venue)
        parts.append(localized(count_texts.places(lab.capacity)))
        self.name_label.setText(lab.name)
        self.details_label.setText(" · ".join(parts))
        self.edit_button.setEnabled(True)
