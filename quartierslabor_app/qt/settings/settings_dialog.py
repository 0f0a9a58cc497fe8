"""The settings dialog: tabs for language, data folder, default taxonomy, letter template, backups.

Values are loaded when the dialog opens and saved only on OK, after all of them are valid;
an invalid value keeps the dialog open on its tab with a German message.
"""
from __future__ import annotations

import logging
from typing import Optional

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...core.errors import UserError
from ...core.storage.database import Database
from ..i18n import translate
from .general_tabs import BackupTab, DataTab, LanguageTab
from .letter_tab import LetterTab
from .settings_values import SettingsValues, load_values, save_values, validate_database_url

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """``database``: the open database for the city-wide settings (``None``: those tabs are read-only)."""

    def __init__(self, database: Optional[Database], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        from .taxonomy_tab import TaxonomyTab   # the clustering package is only needed here

        self.database = database
        self.setWindowTitle(translate("SettingsDialog", "Einstellungen"))
        self.resize(780, 620)
        has_db = database is not None
        self.tabs = QTabWidget(self)
        self.language_tab = LanguageTab()
        self.data_tab = DataTab()
        self.taxonomy_tab = TaxonomyTab(has_db)
        self.letter_tab = LetterTab(has_db)
        self.backup_tab = BackupTab(has_db)
        self.tabs.addTab(self.language_tab, translate("SettingsDialog", "Sprache"))
        self.tabs.addTab(self.data_tab, translate("SettingsDialog", "Datenordner / Datenbank"))
        self.tabs.addTab(self.taxonomy_tab, translate("SettingsDialog", "Standard-Taxonomie"))
        self.tabs.addTab(self.letter_tab, translate("SettingsDialog", "Briefvorlage"))
        self.tabs.addTab(self.backup_tab, translate("SettingsDialog", "Sicherungen"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.initial = SettingsValues()
        self.load()

    def _all_tabs(self):
        return (self.language_tab, self.data_tab, self.taxonomy_tab, self.letter_tab, self.backup_tab)

    def load(self) -> None:
        try:
            self.initial = load_values(self.database)
        except UserError as exc:
            self.show_error(str(exc))
            self.initial = SettingsValues()
        for tab in self._all_tabs():
            tab.load(self.initial)

    def values(self) -> SettingsValues:
        values = load_values(None)
        values.retention_months = self.initial.retention_months
        values.keep_person_keys = self.initial.keep_person_keys
        values.letter_template = self.initial.letter_template
        values.city_taxonomy = self.initial.city_taxonomy
        for tab in self._all_tabs():
            tab.store(values)
        return values

    def restart_needed(self, values: SettingsValues) -> bool:
        return (values.language != self.initial.language
                or (values.database_url or "").strip() != (self.initial.database_url or "").strip())

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _tab_for_error(self, values: SettingsValues) -> QWidget:
        try:
            validate_database_url(values.database_url)
        except UserError:
            return self.data_tab
        try:
            values.letter_template.validate()
        except UserError:
            return self.letter_tab
        return self.backup_tab

    def accept(self) -> None:
        values = self.values()
        try:
            save_values(values, self.database)
        except UserError as exc:
            self.tabs.setCurrentWidget(self._tab_for_error(values))
            self.show_error(str(exc))
            return
        self.saved_values = values
        self.needs_restart = self.restart_needed(values)
        super().accept()
