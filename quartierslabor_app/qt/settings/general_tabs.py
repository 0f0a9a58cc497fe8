"""Settings tabs: language, data folder / database, backups and retention."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...core import retention
from ...core.paths import DATA_DIR_ENV, DATABASE_URL_ENV, backup_dir, default_database_path, user_data_dir
from ..i18n import LANGUAGE_NAMES, available_languages, translate
from .settings_values import MAX_BACKUP_KEEP, MIN_BACKUP_KEEP, SettingsValues


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class LanguageTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        installed = available_languages()
        for code, name in LANGUAGE_NAMES.items():
            self.combo.addItem(name, code)
            if code not in installed:   # catalogue not compiled: choosable, German until it is built
                self.combo.setItemData(self.combo.count() - 1,
                                       translate("LanguageTab", "Übersetzung nicht installiert"),
                                       role=3)  # Qt.ToolTipRole
        form = QFormLayout()
        form.addRow(translate("LanguageTab", "&Sprache der Oberfläche:"), self.combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(translate(
            "LanguageTab", "Die Sprache gilt ab dem nächsten Start des Programms. Berichte, Briefe und "
            "die Namen der Cluster bleiben deutsch.")))
        layout.addStretch(1)

    def load(self, values: SettingsValues) -> None:
        index = self.combo.findData(values.language)
        self.combo.setCurrentIndex(max(index, 0))

    def store(self, values: SettingsValues) -> None:
        values.language = self.combo.currentData()


class DataTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        folder = user_data_dir()
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setReadOnly(True)
        open_button = QPushButton(translate("DataTab", "Ordner öffnen"))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_data_dir()))))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(open_button)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(translate("DataTab", "leer: Datei im Datenordner (SQLite)"))
        self.url_edit.setToolTip(translate("DataTab", "Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor"))
        form = QFormLayout()
        form.addRow(translate("DataTab", "Datenordner:"), folder_row)
        form.addRow(translate("DataTab", "Lokale Datenbank:"), QLabel(str(default_database_path())))
        form.addRow(translate("DataTab", "Gemeinsame &Datenbank (PostgreSQL):"), self.url_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(translate(
            "DataTab", "Der Datenordner enthält die lokale Datenbank, Sicherungen und Protokolle. Ein anderer "
            "Ordner lässt sich mit der Umgebungsvariablen {0} wählen (z. B. für eine Installation auf dem "
            "USB-Stick).").format(DATA_DIR_ENV)))
        layout.addWidget(_note(translate(
            "DataTab", "Mit der Adresse einer PostgreSQL-Datenbank arbeiten mehrere Moderierende mit denselben "
            "Daten. Die Änderung gilt ab dem nächsten Start. Die Umgebungsvariable {0} hat Vorrang.")
            .format(DATABASE_URL_ENV)))
        layout.addStretch(1)

    def load(self, values: SettingsValues) -> None:
        self.url_edit.setText(values.database_url)

    def store(self, values: SettingsValues) -> None:
        values.database_url = self.url_edit.text().strip()


class BackupTab(QWidget):
    def __init__(self, has_database: bool, parent=None) -> None:
        super().__init__(parent)
        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(MIN_BACKUP_KEEP, MAX_BACKUP_KEEP)
        self.keep_spin.setSuffix(translate("BackupTab", " Sicherungen"))
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, retention.MAX_RETENTION_MONTHS)
        self.months_spin.setSuffix(translate("BackupTab", " Monate"))
        for spin in (self.keep_spin, self.months_spin):
            spin.setMaximumWidth(220)
        self.keep_keys_check = QCheckBox(translate(
            "BackupTab", "Personenschlüssel (Hash) behalten, damit Ausgeloste später ausgeschlossen werden können"))
        form = QFormLayout()
        form.addRow(translate("BackupTab", "Automatische &Sicherungen behalten:"), self.keep_spin)
        form.addRow(QLabel(translate("BackupTab", "Sicherungsordner:")), QLabel(str(backup_dir())))
        form.addRow(translate("BackupTab", "Personenbezogene Daten &löschen nach:"), self.months_spin)
        form.addRow("", self.keep_keys_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(translate(
            "BackupTab", "Während eines Workshops sichert das Programm die Datenbank alle paar Minuten; ältere "
            "Sicherungen werden gelöscht. Namen und Anschriften der Eingeladenen werden die angegebene Zahl von "
            "Monaten nach dem Termin des Quartierslabors gelöscht; zusammengefasste Zahlen bleiben.")))
        if not has_database:
            self.months_spin.setEnabled(False)
            self.keep_keys_check.setEnabled(False)
            layout.addWidget(_note(translate("BackupTab", "Ohne geöffnete Datenbank lässt sich die Frist nicht ändern.")))
        layout.addStretch(1)

    def load(self, values: SettingsValues) -> None:
        self.keep_spin.setValue(values.backup_keep)
        self.months_spin.setValue(values.retention_months)
        self.keep_keys_check.setChecked(values.keep_person_keys)

    def store(self, values: SettingsValues) -> None:
        values.backup_keep = self.keep_spin.value()
        values.retention_months = self.months_spin.value()
        values.keep_person_keys = self.keep_keys_check.isChecked()
