"""Dialog to create or edit a lab: name, district, date, venue, capacity."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from ...core.errors import UserError
from ...core.labs import DORTMUND_DISTRICTS
from ..i18n import localized, translate
from ...core.lab_service import LabRow, LabValues


class LabDialog(QDialog):
    """Edits :class:`LabValues`. On OK it calls ``save(values)``; a :class:`UserError`
    from there is shown inside the dialog, which stays open so nothing typed is lost."""

    def __init__(self, save: Callable[[LabValues], object], lab: Optional[LabRow] = None,
                 parent: Optional[QWidget] = None, title: Optional[str] = None) -> None:
        super().__init__(parent)
        self._save = save
        self.saved_result: object = None
        self.setWindowTitle(title or (translate("LabDialog", "Quartierslabor bearbeiten") if lab
                                      else translate("LabDialog", "Neues Quartierslabor")))
        self.setMinimumWidth(440)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(translate("LabDialog", "z. B. Quartierslabor Eving 2026"))
        form.addRow(translate("LabDialog", "&Name:"), self.name_edit)

        self.district_combo = QComboBox()
        self.district_combo.setEditable(True)
        self.district_combo.addItems(DORTMUND_DISTRICTS)
        self.district_combo.setToolTip(translate("LabDialog",
                                                 "Stadtbezirk aus der Liste wählen oder einen anderen eintippen"))
        form.addRow(translate("LabDialog", "&Stadtbezirk:"), self.district_combo)

        date_row = QHBoxLayout()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setDate(QDate.currentDate().addMonths(2))
        self.no_date_check = QCheckBox(translate("LabDialog", "noch offen"))
        self.no_date_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.no_date_check)
        date_label = QLabel(translate("LabDialog", "&Datum:"))
        date_label.setBuddy(self.date_edit)      # the row is a layout: the mnemonic goes to the date
        form.addRow(date_label, date_row)

        self.venue_edit = QLineEdit()
        self.venue_edit.setPlaceholderText(translate("LabDialog", "z. B. Bürgerhaus, Saal 1"))
        form.addRow(translate("LabDialog", "&Veranstaltungsort:"), self.venue_edit)

        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 10_000)
        self.capacity_spin.setValue(30)
        self.capacity_spin.setSuffix(translate("LabDialog", " Plätze"))
        form.addRow(translate("LabDialog", "&Kapazität:"), self.capacity_spin)
        layout.addLayout(form)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("LabDialog", "Anlegen") if lab is None
                               else translate("LabDialog", "Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("LabDialog", "Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if lab is not None:
            self.set_values(LabValues(lab.name, lab.district, lab.date, lab.venue, lab.capacity))
        else:
            self.district_combo.setCurrentIndex(-1)
            self.district_combo.setEditText("")

    def set_values(self, values: LabValues) -> None:
        self.name_edit.setText(values.name)
        self.district_combo.setEditText(values.district)
        if values.date is None:
            self.no_date_check.setChecked(True)
        else:
            self.no_date_check.setChecked(False)
            self.date_edit.setDate(QDate(values.date.year, values.date.month, values.date.day))
        self.venue_edit.setText(values.venue)
        self.capacity_spin.setValue(values.capacity)

    def values(self) -> LabValues:
        date: Optional[dt.date] = None
        if not self.no_date_check.isChecked():
            qd = self.date_edit.date()
            date = dt.date(qd.year(), qd.month(), qd.day())
        return LabValues(name=self.name_edit.text().strip(), district=self.district_combo.currentText().strip(),
                         date=date, venue=self.venue_edit.text().strip(), capacity=self.capacity_spin.value())

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def accept(self) -> None:
        try:
            self.saved_result = self._save(self.values())
        except UserError as exc:
            self.show_error(localized(exc))
            return
        super().accept()
