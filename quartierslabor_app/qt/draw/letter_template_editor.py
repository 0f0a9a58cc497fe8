"""One editor for the city's invitation letter template, used by the letter dialog and the settings.

The letter itself stays German (it goes to residents); only the editor's labels and the
placeholder help follow the UI language.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from ...core.draw.letters import PLACEHOLDERS, LetterTemplate
from ..i18n import translate

#: the editor's input widgets, reachable under the same names on the dialog and the settings tab
EDIT_NAMES = ("subject_edit", "body_edit", "closing_edit", "signature_name_edit", "signature_role_edit",
              "sender_edit", "return_edit", "contact_edit", "place_edit", "footer_edit")


def placeholder_descriptions() -> dict[str, str]:
    """Placeholder -> what it stands for, in the UI language (core's German text for a new key)."""
    texts = {
        "anrede": translate("LetterTemplateEditor", "Anrede mit Namen, z. B. „Sehr geehrte Frau Yılmaz“ "
                                                    "(bei divers/ohne Angabe „Guten Tag Vorname Name“)"),
        "vorname": translate("LetterTemplateEditor", "Vorname(n) der eingeladenen Person"),
        "nachname": translate("LetterTemplateEditor", "Familienname der eingeladenen Person"),
        "name": translate("LetterTemplateEditor", "Vor- und Familienname"),
        "labor": translate("LetterTemplateEditor", "Name des Quartierslabors"),
        "bezirk": translate("LetterTemplateEditor", "Stadtbezirk des Quartierslabors"),
        "datum": translate("LetterTemplateEditor", "Datum des Quartierslabors mit Wochentag, "
                                                   "z. B. „Samstag, 14. März 2026“"),
        "uhrzeit": translate("LetterTemplateEditor", "Uhrzeit, z. B. „10:00 bis 15:00 Uhr“"),
        "ort": translate("LetterTemplateEditor", "Veranstaltungsort"),
        "antwort_bis": translate("LetterTemplateEditor", "Datum, bis zu dem die Antwort erbeten wird"),
        "briefdatum": translate("LetterTemplateEditor", "Datum des Briefs"),
        "antwortcode": translate("LetterTemplateEditor", "Kurzer Antwortcode der Person, z. B. „K7M-2QX“ (steht "
                                                         "auch im Infoblock)"),
    }
    return {key: texts.get(key, text) for key, text in PLACEHOLDERS.items()}


def expose_fields(owner: object, editor: "LetterTemplateEditor") -> None:
    """Make the editor's inputs reachable as attributes of ``owner`` (``owner.subject_edit`` …)."""
    for name in EDIT_NAMES + ("reset_button",):
        setattr(owner, name, getattr(editor, name))


class LetterTemplateEditor(QTabWidget):
    """Tabs "Brieftext" (subject, body with placeholder help, closing) and "Absender" (sender block, footer).

    ``load(template)`` fills the inputs, ``template()`` reads them back; the corner button restores
    the template shipped with the app. Further tabs may be added by the owner.
    """

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(translate("LetterTemplateEditor", "Brieftext"))
        self.closing_edit = QLineEdit()
        self.signature_name_edit = QLineEdit()
        self.signature_role_edit = QLineEdit()
        self.sender_edit = QPlainTextEdit()
        self.sender_edit.setMaximumHeight(90)
        self.return_edit = QLineEdit()
        self.contact_edit = QPlainTextEdit()
        self.contact_edit.setMaximumHeight(90)
        self.place_edit = QLineEdit()
        self.footer_edit = QLineEdit()

        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        form = QFormLayout()
        form.addRow(translate("LetterTemplateEditor", "&Betreff:"), self.subject_edit)
        text_layout.addLayout(form)
        body_row = QHBoxLayout()
        body_row.addWidget(self.body_edit, 1)
        placeholder_lines = "".join(f"<p style='margin-top:0; margin-bottom:6px'><b>{{{key}}}</b> – {text}</p>"
                                    for key, text in placeholder_descriptions().items())
        self.placeholder_label = QLabel(translate("LetterTemplateEditor", "<b>Platzhalter</b> (werden je Brief "
                                                                          "ersetzt):") + placeholder_lines)
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.placeholder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        help_scroll = QScrollArea()       # the list is longer than the body on small screens
        help_scroll.setWidgetResizable(True)
        help_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        help_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        help_scroll.setWidget(self.placeholder_label)
        help_scroll.viewport().setAutoFillBackground(False)
        self.placeholder_label.setAutoFillBackground(False)
        help_scroll.setFixedWidth(290)
        body_row.addWidget(help_scroll)
        text_layout.addLayout(body_row, 1)
        closing_form = QFormLayout()
        closing_form.addRow(translate("LetterTemplateEditor", "&Grußformel:"), self.closing_edit)
        closing_form.addRow(translate("LetterTemplateEditor", "&Unterschrift:"), self.signature_name_edit)
        closing_form.addRow(translate("LetterTemplateEditor", "&Funktion:"), self.signature_role_edit)
        text_layout.addLayout(closing_form)
        self.addTab(text_tab, translate("LetterTemplateEditor", "Brieftext"))

        sender_tab = QWidget()
        sender_layout = QVBoxLayout(sender_tab)
        sender_form = QFormLayout()
        sender_layout.addLayout(sender_form)
        sender_layout.addStretch(1)
        sender_form.addRow(translate("LetterTemplateEditor", "Absender (je Zeile):"), self.sender_edit)
        sender_form.addRow(translate("LetterTemplateEditor", "Rücksendeangabe:"), self.return_edit)
        sender_form.addRow(translate("LetterTemplateEditor", "Kontakt (je Zeile):"), self.contact_edit)
        sender_form.addRow(translate("LetterTemplateEditor", "Ort für das Briefdatum:"), self.place_edit)
        sender_form.addRow(translate("LetterTemplateEditor", "Fußzeile:"), self.footer_edit)
        self.addTab(sender_tab, translate("LetterTemplateEditor", "Absender"))

        self.reset_button = QPushButton(translate("LetterTemplateEditor", "Standardtext"))
        self.reset_button.setToolTip(translate("LetterTemplateEditor", "Den mitgelieferten Brieftext wiederherstellen"))
        self.reset_button.clicked.connect(lambda: self.load(LetterTemplate()))
        self.setCornerWidget(self.reset_button)

    def load(self, t: LetterTemplate) -> None:
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
