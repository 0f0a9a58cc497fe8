"""Settings tabs: language, data folder (choosable) / database, backups and retention."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDateTime, QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ...core import paths, retention
from ...core.data_location import (DataFolderPlan, data_folder_for_choice, data_folder_problem_message,
                                    plan_data_folder_change)
from ...core.errors import UserError
from ...core.paths import DATABASE_URL_ENV, backup_dir, default_database_path, user_data_dir
from ..i18n import LANGUAGE_NAMES, available_languages, localized, translate
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
            "die Namen der Themen bleiben deutsch.")))
        layout.addStretch(1)

    def load(self, values: SettingsValues) -> None:
        index = self.combo.findData(values.language)
        self.combo.setCurrentIndex(max(index, 0))

    def store(self, values: SettingsValues) -> None:
        values.language = self.combo.currentData()


class DataTab(QWidget):
    """Data folder (choosable; applied on OK, used from the next start) and the shared database."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.state = paths.data_folder_state()
        self.locked = self.state.source == paths.SOURCE_ENV
        self.pending = ""                                  # folder chosen in this dialog ("" = none)
        self.plan: Optional[DataFolderPlan] = None
        self.plan_error = ""
        self.folder_edit = QLineEdit(str(self.state.folder))
        self.folder_edit.setReadOnly(True)
        open_button = QPushButton(translate("DataTab", "Ordner öffnen"))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_data_dir()))))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(open_button)
        self.choose_button = QPushButton(translate("DataTab", "Anderen Ordner &wählen …"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(translate("DataTab", "&Standardordner verwenden"))
        self.default_button.setToolTip(str(paths.platform_data_dir()))
        self.default_button.clicked.connect(self.use_default_folder)
        button_row = QHBoxLayout()
        button_row.addWidget(self.choose_button)
        button_row.addWidget(self.default_button)
        button_row.addStretch(1)
        self.copy_check = QCheckBox(translate(
            "DataTab", "Vorhandene Daten in den neuen Ordner &kopieren (Datenbank, Sicherungen, Protokolle)"))
        self.copy_check.setChecked(True)
        self.copy_check.toggled.connect(lambda _checked: self._refresh())
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        self.problem_label = QLabel(localized(data_folder_problem_message()))
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setVisible(bool(self.problem_label.text()))
        folder_box = QVBoxLayout()
        folder_box.setContentsMargins(0, 0, 0, 0)
        folder_box.addLayout(folder_row)
        folder_box.addLayout(button_row)
        folder_box.addWidget(self.copy_check)
        folder_box.addWidget(self.change_label)
        self.database_label = QLabel(str(default_database_path()))
        self.database_label.setWordWrap(True)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(translate("DataTab", "leer: Datei im Datenordner (SQLite)"))
        self.url_edit.setToolTip(translate("DataTab", "Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor"))
        form = QFormLayout()
        form.addRow(translate("DataTab", "Datenordner:"), folder_box)
        form.addRow(translate("DataTab", "Lokale Datenbank:"), self.database_label)
        form.addRow(translate("DataTab", "Gemeinsame &Datenbank (PostgreSQL):"), self.url_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addLayout(form)
        layout.addWidget(_note(translate(
            "DataTab", "Der Datenordner enthält die lokale Datenbank, die Einstellungen dieses Rechners, "
            "Sicherungen und Protokolle. Ein anderer Ordner – eine größere Festplatte, ein Ordner, den die IT "
            "sichert, ein USB-Stick – gilt ab dem nächsten Start. Die Daten werden dabei kopiert; im bisherigen "
            "Ordner wird nichts gelöscht. Liegt im gewählten Ordner schon eine Datenbank, wird diese verwendet "
            "und nicht überschrieben. Ist der gewählte Ordner beim Start nicht erreichbar, arbeitet das Programm "
            "im Standardordner und sagt das.")))
        if self.locked:
            self.choose_button.setEnabled(False)
            self.default_button.setEnabled(False)
            layout.addWidget(_note(translate(
                "DataTab", "Der Datenordner ist mit der Umgebungsvariablen {0} festgelegt und lässt sich hier "
                "nicht ändern.").format(paths.DATA_DIR_ENV)))
        layout.addWidget(_note(translate(
            "DataTab", "Mit der Adresse einer PostgreSQL-Datenbank arbeiten mehrere Moderierende mit denselben "
            "Daten. Die Änderung gilt ab dem nächsten Start. Die Umgebungsvariable {0} hat Vorrang.")
            .format(DATABASE_URL_ENV)))
        layout.addStretch(1)
        self._refresh()

    # -- choosing the folder ------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("DataTab", "Datenordner wählen"), self.folder_edit.text())
        if chosen:
            self.set_pending_folder(data_folder_for_choice(chosen))

    def use_default_folder(self) -> None:
        self.set_pending_folder(paths.platform_data_dir())

    def set_pending_folder(self, folder: "str | Path") -> None:
        """Show ``folder`` as the new data folder (applied with OK)."""
        self.pending = str(folder)
        self._refresh()

    def _refresh(self) -> None:
        target = self.pending or str(self.state.folder)
        self.folder_edit.setText(target)
        self.database_label.setText(str(Path(target) / paths.DATABASE_FILE))
        self.plan, self.plan_error = None, ""
        if self.pending:
            try:
                self.plan = plan_data_folder_change(self.pending, self.copy_check.isChecked())
            except UserError as exc:
                self.plan_error = localized(exc)
        plan = self.plan
        copying_possible = plan is not None and plan.restart_needed and plan.existing_database is None
        self.copy_check.setVisible(copying_possible)
        self.change_label.setText(self.plan_error or self._describe(plan))
        self.change_label.setStyleSheet("color: #b00020;" if self.plan_error else "")
        self.change_label.setVisible(bool(self.change_label.text()))
        pointer_set = self.state.chosen is not None or self.state.problem is not None
        on_default = Path(target) == paths.platform_data_dir()
        self.default_button.setEnabled(not self.locked and (not on_default or (pointer_set and not self.pending)))

    def _describe(self, plan: Optional[DataFolderPlan]) -> str:
        if plan is None or plan.unchanged:
            return ""
        if not plan.restart_needed:
            return translate("DataTab", "Mit „OK“ wird der nicht erreichbare Ordner „{0}“ vergessen; der "
                             "Standardordner bleibt der Datenordner.").format(self.state.chosen or "")
        if plan.existing_database is not None:
            stamp = QLocale().toString(
                QDateTime.fromSecsSinceEpoch(int(plan.existing_database.stat().st_mtime)),
                QLocale.FormatType.ShortFormat)
            text = translate("DataTab", "In diesem Ordner liegt bereits eine Datenbank (zuletzt geändert {0}). "
                             "Mit „OK“ wird sie ab dem nächsten Start verwendet; es wird nichts hineinkopiert und "
                             "nichts überschrieben.").format(stamp)
        elif plan.database is not None or plan.files:
            size = QLocale().toString(plan.bytes_to_copy / (1024 * 1024), "f", 1)
            text = translate("DataTab", "Mit „OK“ werden die Daten ({0} MB) in diesen Ordner kopiert; er gilt "
                             "ab dem nächsten Start.").format(size)
        else:
            text = translate("DataTab", "Mit „OK“ gilt dieser Ordner ab dem nächsten Start; dort entsteht eine "
                             "neue, leere Datenbank.")
        return text + " " + translate("DataTab", "Im bisherigen Ordner wird nichts gelöscht.")

    # -- values ---------------------------------------------------------------------------------
    def load(self, values: SettingsValues) -> None:
        self.url_edit.setText(values.database_url)

    def store(self, values: SettingsValues) -> None:
        values.database_url = self.url_edit.text().strip()
        changed = bool(self.pending) and (self.plan is None or not self.plan.unchanged)
        values.data_folder_changed = changed
        if changed:
            values.data_folder = self.pending
            values.copy_data = self.copy_check.isChecked()


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
