"""The settings dialog: tabs for language, data folder, default taxonomy, letter template, backups.

Values are loaded when the dialog opens and saved only on OK, after all of them are valid;
an invalid value keeps the dialog open on its tab with a German message. A data folder chosen on
the data tab is changed last: small data is copied at once (busy cursor), more than
:data:`SYNC_COPY_LIMIT` bytes in the background with a progress dialog.
"""
from __future__ import annotations

import contextlib
import functools
import logging
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ...core.data_location import DataFolderMove, plan_data_folder_change
from ...core.errors import UserError
from ...core.storage.database import Database
from ..i18n import localized, translate
from .general_tabs import BackupTab, DataTab, LanguageTab
from .letter_tab import LetterTab
from .settings_values import SettingsValues, apply_data_folder, load_values, save_values, validate_database_url

log = logging.getLogger(__name__)

#: more data than this (bytes) is copied into a new data folder in the background
SYNC_COPY_LIMIT = 32 * 1024 * 1024


@contextlib.contextmanager
def _busy_cursor():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


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
        self.data_folder_move: Optional[DataFolderMove] = None
        self.move_task = None
        self.load()

    def _all_tabs(self):
        return (self.language_tab, self.data_tab, self.taxonomy_tab, self.letter_tab, self.backup_tab)

    def load(self) -> None:
        try:
            self.initial = load_values(self.database)
        except UserError as exc:
            self.show_error(localized(exc))
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
            if values.data_folder_changed:
                plan_data_folder_change(values.data_folder, values.copy_data)
        except UserError:
            return self.data_tab
        try:
            values.letter_template.validate()
        except UserError:
            return self.letter_tab
        return self.backup_tab

    def _copy_in_background(self, values: SettingsValues) -> bool:
        if not values.data_folder_changed:
            return False
        try:
            plan = plan_data_folder_change(values.data_folder, values.copy_data)
        except UserError:
            return False          # save_values reports it
        return plan.bytes_to_copy > SYNC_COPY_LIMIT

    def accept(self) -> None:
        if self.move_task is not None:
            return                # the data is being copied
        values = self.values()
        background = self._copy_in_background(values)
        try:
            with _busy_cursor():
                move = save_values(values, self.database, change_data_folder=not background)
        except UserError as exc:
            self.tabs.setCurrentWidget(self._tab_for_error(values))
            self.show_error(localized(exc))
            return
        if background:
            self._start_background_copy(values)
            return
        self._finish(values, move)

    def _start_background_copy(self, values: SettingsValues) -> None:
        from ..tasks import BackgroundTask

        self.show_error("")
        self.buttons.setEnabled(False)
        self.move_task = BackgroundTask(
            functools.partial(apply_data_folder, values),
            title=translate("DataTab", "Daten in den neuen Ordner kopieren"), parent=self,
            on_success=lambda move: self._finish(values, move),
            on_failure=self._background_copy_failed,
            on_cancelled=lambda: self._background_copy_failed(None))
        self.move_task.done.connect(self._background_copy_done)
        self.move_task.start()

    def _background_copy_done(self, _state: str) -> None:
        self.move_task = None
        self.buttons.setEnabled(True)

    def _background_copy_failed(self, exc: Optional[BaseException]) -> None:
        self.tabs.setCurrentWidget(self.data_tab)
        if exc is None:
            message = translate("DataTab", "Das Kopieren wurde abgebrochen. Der bisherige Datenordner bleibt in "
                                "Gebrauch; die übrigen Einstellungen sind gespeichert.")
        elif isinstance(exc, UserError):
            message = localized(exc)
        else:
            from ..tasks import show_task_error
            show_task_error(self, translate("DataTab", "Daten in den neuen Ordner kopieren"), exc)
            message = translate("DataTab", "Der Datenordner wurde nicht geändert.")
        self.show_error(message)

    def _finish(self, values: SettingsValues, move: Optional[DataFolderMove]) -> None:
        self.saved_values = values
        self.data_folder_move = move
        self.needs_restart = self.restart_needed(values) or bool(move is not None and move.restart_needed)
        if move is not None and move.restart_needed:
            QMessageBox.information(self, translate("DataTab", "Datenordner geändert"),
                                    self.data_folder_summary(move))
        super().accept()

    @staticmethod
    def data_folder_summary(move: DataFolderMove) -> str:
        plan = move.plan
        if plan.existing_database is not None:
            first = translate("DataTab", "Ab dem nächsten Start verwendet das Programm den Datenordner „{0}“ "
                              "mit der dort vorhandenen Datenbank.").format(plan.target)
        elif plan.database is not None:
            first = translate("DataTab", "Die Daten wurden nach „{0}“ kopiert. Ab dem nächsten Start "
                              "verwendet das Programm diesen Ordner.").format(plan.target)
        else:
            first = translate("DataTab", "Ab dem nächsten Start verwendet das Programm den Datenordner "
                              "„{0}“.").format(plan.target)
        return "\n\n".join([
            first,
            translate("DataTab", "Im bisherigen Ordner „{0}“ wurde nichts gelöscht.").format(plan.current),
            translate("DataTab", "Bitte starten Sie das Programm jetzt neu: Was Sie bis dahin an Laboren, Karten "
                      "oder Einladungen ändern, bleibt in der bisherigen Datenbank und wird nicht übernommen.")])
