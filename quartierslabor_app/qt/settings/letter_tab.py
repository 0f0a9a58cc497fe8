"""Settings tab: the city's invitation letter template (text with placeholders, sender, footer)."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...core.draw.letters import PLACEHOLDERS, LetterTemplate
from ..i18n import translate
from .settings_values import SettingsValues


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class LetterTab(QWidget):
    def __init__(self, has_database: bool, parent=None) -> None:
        super().__init__(parent)
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(translate("LetterTab", "Brieftext"))
        self.closing_edit = QLineEdit()
        self.signature_name_edit = QLineEdit()
        self.signature_role_edit = QLineEdit()
        self.sender_edit = QPlainTextEdit()
        self.sender_edit.setMaximumHeight(80)
        self.return_edit = QLineEdit()
        self.contact_edit = QPlainTextEdit()
        self.contact_edit.setMaximumHeight(80)
        self.place_edit = QLineEdit()
        self.footer_edit = QLineEdit()
        self.reset_button = QPushButton(translate("LetterTab", "Standardvorlage wiederherstellen"))
        self.reset_button.clicked.connect(lambda: self.set_template(LetterTemplate()))

        form = QFormLayout()
        form.addRow(translate("LetterTab", "&Betreff:"), self.subject_edit)
        form.addRow(translate("LetterTab", "&Brieftext:"), self.body_edit)
        form.addRow(translate("LetterTab", "&Grußformel:"), self.closing_edit)
        form.addRow(translate("LetterTab", "&Unterschrift:"), self.signature_name_edit)
        form.addRow(translate("LetterTab", "&Funktion:"), self.signature_role_edit)
        form.addRow(translate("LetterTab", "Absender (je Zeile):"), self.sender_edit)
        form.addRow(translate("LetterTab", "Rücksendeangabe:"), self.return_edit)
        form.addRow(translate("LetterTab", "Kontakt (je Zeile):"), self.contact_edit)
        form.addRow(translate("LetterTab", "Ort für das Briefdatum:"), self.place_edit)
        form.addRow(translate("LetterTab", "Fußzeile:"), self.footer_edit)
        placeholders = QLabel(translate("LetterTab", "Platzhalter: {0}").format(
            " ".join("{" + key + "}" for key in PLACEHOLDERS)))
        placeholders.setWordWrap(True)
        placeholders.setToolTip("\n".join(f"{{{key}}}: {text}" for key, text in PLACEHOLDERS.items()))
        bottom = QHBoxLayout()
        bottom.addWidget(placeholders, 1)
        bottom.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addLayout(bottom)
        if not has_database:
            self.setEnabled(False)

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
        return LetterTemplate(sender_lines=_lines(self.sender_edit), return_address=self.return_edit.text().strip(),
                              contact_lines=_lines(self.contact_edit), place=self.place_edit.text().strip(),
                              subject=self.subject_edit.text().strip(), body=self.body_edit.toPlainText().strip(),
                              closing=self.closing_edit.text().strip(),
                              signature_name=self.signature_name_edit.text().strip(),
                              signature_role=self.signature_role_edit.text().strip(),
                              footer=self.footer_edit.text().strip())

    def load(self, values: SettingsValues) -> None:
        self.set_template(values.letter_template)

    def store(self, values: SettingsValues) -> None:
        values.letter_template = self.template()
