"""Settings: the Art. 13 DSGVO information printed on the back of every invitation letter."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...core.draw.privacy_notice import PrivacyNotice, default_privacy_notice
from ..i18n import translate


class PrivacyNoticeEditor(QWidget):
    """Title and sections („Überschrift: Text“, blank line between); ``{aufbewahrung}`` comes from the
    retention period, so the storage time on the letter always follows the setting."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        form.addRow(translate("PrivacyNoticeEditor", "Überschrift:"), self.title_edit)
        layout.addLayout(form)
        hint = QLabel(translate("PrivacyNoticeEditor", "Ein Absatz je Angabe, beginnend mit „Überschrift:“, "
                                                       "dazwischen eine Leerzeile. Nötig sind Verantwortlich, "
                                                       "Datenschutzbeauftragte, Zweck, Rechtsgrundlage, "
                                                       "Speicherdauer, Ihre Rechte und Beschwerderecht. Platzhalter: "
                                                       "{aufbewahrung} (aus der Aufbewahrungsfrist), {labor}, "
                                                       "{bezirk}, {antwortcode}."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.sections_edit = QPlainTextEdit()
        self.sections_edit.setAccessibleName(translate("PrivacyNoticeEditor", "Datenschutzhinweise"))
        layout.addWidget(self.sections_edit, 1)
        self.privacy_reset_button = QPushButton(translate("PrivacyNoticeEditor", "Datenschutzhinweise auf den "
                                                                                 "Standardtext zurücksetzen"))
        self.privacy_reset_button.clicked.connect(lambda: self.load(default_privacy_notice()))
        row = QHBoxLayout()
        row.addWidget(self.privacy_reset_button)
        row.addStretch(1)
        layout.addLayout(row)

    def load(self, notice: PrivacyNotice) -> None:
        self.title_edit.setText(notice.title)
        self.sections_edit.setPlainText(notice.sections_text())

    def notice(self, retention_months: int) -> PrivacyNotice:
        return PrivacyNotice.from_sections_text(self.title_edit.text(), self.sections_edit.toPlainText(),
                                                retention_months=retention_months)
