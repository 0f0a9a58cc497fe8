"""Editing the invitation letter: text with placeholders (city default) and the lab's time and reply date."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ...core.draw.letters import LabInfo, LetterTemplate, load_letter_template, save_letter_template
from ...core.errors import UserError
from ...core.storage.database import Database
from ..i18n import localized, translate
from ...core.lab_service import LabRow
from ..widgets.gui_settings import gui_settings
from ..widgets.screen_fit import fitting_size
from .letter_template_editor import LetterTemplateEditor, expose_fields

#: the time as the (German) letter says it, until the dialog sets one for the lab
DEFAULT_TIME_TEXT = "10:00 bis 14:00 Uhr"


def _lab_key(lab: LabRow, name: str) -> str:
    return f"letters/lab_{lab.id}/{name}"


def letter_lab_info(lab: LabRow) -> LabInfo:
    """What the letters say about the lab, with the time and reply date chosen in the dialog."""
    settings = gui_settings()
    time_text = str(settings.value(_lab_key(lab, "time"), DEFAULT_TIME_TEXT) or "")
    reply_text = str(settings.value(_lab_key(lab, "reply_by"), "") or "")
    reply_by = dt.date.fromisoformat(reply_text) if reply_text else None
    return LabInfo(name=lab.name, district=lab.district, date=lab.date, venue=lab.venue, time_text=time_text,
                   reply_by=reply_by)


class LetterDialog(QDialog):
    """Letter text (saved as the city's default in the database) and this lab's time / reply date."""

    def __init__(self, database: Database, lab: LabRow, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab = lab
        self.setWindowTitle(translate("LetterDialog", "Einladungsbrief bearbeiten"))
        self.resize(fitting_size(self, 860, 680))
        with database.session() as s:
            try:
                template = load_letter_template(s)
            except UserError:
                template = LetterTemplate()
        layout = QVBoxLayout(self)
        self.editor = LetterTemplateEditor()
        expose_fields(self, self.editor)
        layout.addWidget(self.editor, 1)

        lab_tab = QWidget()
        lab_form = QFormLayout(lab_tab)
        lab_form.addRow(QLabel(translate("LetterDialog", "Angaben für „{0}“ (nur dieses Labor):").format(lab.name)))
        self.time_edit = QLineEdit(str(gui_settings().value(_lab_key(lab, "time"), DEFAULT_TIME_TEXT) or ""))
        lab_form.addRow(translate("LetterDialog", "&Uhrzeit:"), self.time_edit)
        reply_row = QHBoxLayout()
        self.reply_check = QCheckBox(translate("LetterDialog", "eigenes Datum"))
        self.reply_edit = QDateEdit()
        self.reply_edit.setCalendarPopup(True)
        self.reply_edit.setDisplayFormat("dd.MM.yyyy")
        reply_text = str(gui_settings().value(_lab_key(lab, "reply_by"), "") or "")
        if reply_text:
            d = dt.date.fromisoformat(reply_text)
            self.reply_edit.setDate(QDate(d.year, d.month, d.day))
            self.reply_check.setChecked(True)
        else:
            self.reply_edit.setDate(QDate.currentDate().addDays(21))
        self.reply_edit.setEnabled(self.reply_check.isChecked())
        self.reply_check.toggled.connect(self.reply_edit.setEnabled)
        reply_row.addWidget(self.reply_check)
        reply_row.addWidget(self.reply_edit, 1)
        reply_label = QLabel(translate("LetterDialog", "&Antwort bis:"))
        reply_label.setBuddy(self.reply_check)
        lab_form.addRow(reply_label, reply_row)
        lab_form.addRow(QLabel(translate("LetterDialog", "Ohne eigenes Datum: zwei Wochen vor dem Labor (oder drei "
                                                         "Wochen nach dem Brief).")))
        self.editor.addTab(lab_tab, translate("LetterDialog", "Termin"))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(translate("LetterDialog", "Speichern"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(translate("LetterDialog", "Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(QLabel(translate("LetterDialog", "Der Brieftext wird als Vorlage der Stadt in der "
                                                          "Datenbank gespeichert.")))
        layout.addWidget(buttons)                 # the buttons are the dialog's last row
        self.editor.load(template)

    def accept(self) -> None:
        template = self.editor.template()
        try:
            with self.database.session() as s:
                save_letter_template(s, template)
        except UserError as exc:
            self.error_label.setText(localized(exc))
            return
        settings = gui_settings()
        settings.setValue(_lab_key(self.lab, "time"), self.time_edit.text().strip())
        if self.reply_check.isChecked():
            qd = self.reply_edit.date()
            settings.setValue(_lab_key(self.lab, "reply_by"), dt.date(qd.year(), qd.month(), qd.day()).isoformat())
        else:
            settings.remove(_lab_key(self.lab, "reply_by"))
        settings.sync()
        super().accept()
