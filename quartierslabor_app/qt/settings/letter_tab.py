"""Settings tab: the city's invitation letter template (text with placeholders, sender, footer)."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..draw.letter_template_editor import LetterTemplateEditor, expose_fields
from ..i18n import translate
from .privacy_editor import PrivacyNoticeEditor
from .settings_values import SettingsValues


class LetterTab(QWidget):
    """The shared :class:`LetterTemplateEditor`; its inputs are reachable here too (``subject_edit`` …)."""

    def __init__(self, has_database: bool, parent=None) -> None:
        super().__init__(parent)
        self.editor = LetterTemplateEditor()
        expose_fields(self, self.editor)
        self.privacy_editor = PrivacyNoticeEditor()
        self.editor.addTab(self.privacy_editor, translate("LetterTab", "Datenschutzhinweise"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        if not has_database:
            self.setEnabled(False)

    def load(self, values: SettingsValues) -> None:
        self.editor.load(values.letter_template)
        self.privacy_editor.load(values.privacy_notice)

    def store(self, values: SettingsValues) -> None:
        values.letter_template = self.editor.template()
        values.privacy_text = (self.privacy_editor.title_edit.text(), self.privacy_editor.sections_edit.toPlainText())
