"""Editing the invitation letter: text with placeholders (city default) and the lab's time and reply date."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ...core.draw.letters import PLACEHOLDERS, LabInfo, LetterTemplate, load_letter_template, save_letter_template
from ...core.errors import UserError
from ...core.storage.database import Database
from ..labs.lab_service import LabRow
from ..widgets.gui_settings import gui_settings

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
        self.setWindowTitle("Einladungsbrief bearbeiten")
        self.resize(860, 680)
        with database.session() as s:
            try:
                template = load_letter_template(s)
            except UserError:
                template = LetterTemplate()
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs, 1)

        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        form = QFormLayout()
        self.subject_edit = QLineEdit()
        form.addRow("&Betreff:", self.subject_edit)
        text_layout.addLayout(form)
        body_row = QHBoxLayout()
        self.body_edit = QPlainTextEdit()
        body_row.addWidget(self.body_edit, 3)
        placeholder_lines = "".join(f"<p><b>{{{key}}}</b><br>{text}</p>" for key, text in PLACEHOLDERS.items())
        self.placeholder_label = QLabel("<b>Platzhalter</b> (werden je Brief ersetzt):" + placeholder_lines)
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setMaximumWidth(280)
        body_row.addWidget(self.placeholder_label, 1)
        text_layout.addLayout(body_row, 1)
        form2 = QFormLayout()
        self.closing_edit = QLineEdit()
        self.signature_name_edit = QLineEdit()
        self.signature_role_edit = QLineEdit()
        form2.addRow("&Grußformel:", self.closing_edit)
        form2.addRow("&Unterschrift:", self.signature_name_edit)
        form2.addRow("&Funktion:", self.signature_role_edit)
        text_layout.addLayout(form2)
        tabs.addTab(text_tab, "Brieftext")

        sender_tab = QWidget()
        sender_form = QFormLayout(sender_tab)
        self.sender_edit = QPlainTextEdit()
        self.sender_edit.setMaximumHeight(90)
        self.return_edit = QLineEdit()
        self.contact_edit = QPlainTextEdit()
        self.contact_edit.setMaximumHeight(90)
        self.place_edit = QLineEdit()
        self.footer_edit = QLineEdit()
        sender_form.addRow("Absender (je Zeile):", self.sender_edit)
        sender_form.addRow("Rücksendeangabe:", self.return_edit)
        sender_form.addRow("Kontakt (je Zeile):", self.contact_edit)
        sender_form.addRow("Ort für das Briefdatum:", self.place_edit)
        sender_form.addRow("Fußzeile:", self.footer_edit)
        tabs.addTab(sender_tab, "Absender")

        lab_tab = QWidget()
        lab_form = QFormLayout(lab_tab)
        lab_form.addRow(QLabel(f"Angaben für „{lab.name}“ (nur dieses Labor):"))
        self.time_edit = QLineEdit(str(gui_settings().value(_lab_key(lab, "time"), DEFAULT_TIME_TEXT) or ""))
        lab_form.addRow("&Uhrzeit:", self.time_edit)
        reply_row = QHBoxLayout()
        self.reply_check = QCheckBox("eigenes Datum")
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
        lab_form.addRow("&Antwort bis:", reply_row)
        lab_form.addRow(QLabel("Ohne eigenes Datum: zwei Wochen vor dem Labor (oder drei Wochen nach dem Brief)."))
        tabs.addTab(lab_tab, "Termin")

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.reset_button = QPushButton("Standardtext")
        self.reset_button.setToolTip("Den mitgelieferten Brieftext wiederherstellen")
        self.reset_button.clicked.connect(lambda: self.set_template(LetterTemplate()))
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = buttons.addButton("Speichern", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.addWidget(QLabel("Der Brieftext wird als Vorlage der Stadt in der Datenbank gespeichert."))
        self.set_template(template)

    def set_template(self, t: LetterTemplate) -> None:
        self.subject_edit.setText(t.subject)
        self.body_edit.setPlainText(t.body)
        self.closing_edit.setText(t.closing)
        self.signature_name_edit.setText(t.signature_name)
        self.signature_role_edit.setText(t.signature_role)
        self.sender_edit.setPlainText("\n".join(t.sender_lines))
        self.return_edit.setText(t.return_address)
        self.contact_edit.setPlainText("\n".join(t.contact_lines))
        self.place_edit.setText(t.place)
        self.footer_edit.setText(t.footer)

    def template(self) -> LetterTemplate:
        def lines(edit: QPlainTextEdit) -> list[str]:
            return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
        return LetterTemplate(sender_lines=lines(self.sender_edit), return_address=self.return_edit.text().strip(),
                              contact_lines=lines(self.contact_edit), place=self.place_edit.text().strip(),
                              subject=self.subject_edit.text().strip(), body=self.body_edit.toPlainText().strip(),
                              closing=self.closing_edit.text().strip(),
                              signature_name=self.signature_name_edit.text().strip(),
                              signature_role=self.signature_role_edit.text().strip(),
                              footer=self.footer_edit.text().strip())

    def accept(self) -> None:
        template = self.template()
        try:
            with self.database.session() as s:
                save_letter_template(s, template)
        except UserError as exc:
            self.error_label.setText(str(exc))
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
