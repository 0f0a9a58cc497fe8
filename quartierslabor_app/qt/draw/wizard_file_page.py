"""Wizard page 1: choose the register extract (CSV/XLSX, sheet) and an optional street directory."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget, QWizardPage)

from ...core.errors import UserError
from ...core.input_files import check_input_file
from ...core.paths import user_data_dir
from ...core.register import StreetDirectory, list_sheets, read_register
from ...core.progress import scaled
from ...core import count_texts
from ..i18n import localized, translate
from ..tasks import BackgroundTask
from ..widgets.file_dialogs import ask_open_path
from .draw_state import DrawSession


def describe_table(table) -> str:
    return translate("FilePage", "<b>Erkannt:</b> {format}<br><b>Gelesen:</b> {rows}, {columns} aus "
                                 "„{file}“<br><b>SHA-256:</b> {sha256}").format(
        format=localized(table.format.describe_message()), rows=localized(count_texts.rows(table.rows_read)),
        columns=localized(count_texts.columns(len(table.headers))),
        file=table.file_name, sha256=f"<span style='font-family: monospace'>{table.sha256}</span>")


class FilePage(QWizardPage):
    #: emitted after the register was read successfully
    loaded = Signal()

    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setTitle(translate("FilePage", "Registerauszug wählen"))
        self.setSubTitle(translate("FilePage", "Der Auszug aus dem Melderegister wird nur in den Arbeitsspeicher "
                                               "gelesen und nirgends gespeichert. Festgehalten werden nur Dateiname "
                                               "und Prüfsumme (SHA-256)."))
        self.task: Optional[BackgroundTask] = None
        self._advance_after_load = False

        layout = QVBoxLayout(self)
        group = QGroupBox(translate("FilePage", "Registerauszug (CSV oder Excel)"))
        form = QFormLayout(group)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(translate("FilePage", "Datei wählen …"))
        self.path_edit.textChanged.connect(self._on_path_changed)
        browse = QPushButton(translate("FilePage", "Durchsuchen …"))
        browse.clicked.connect(self.browse_register)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(translate("FilePage", "Datei:"), row)
        self.sheet_combo = QComboBox()
        self.sheet_label = QLabel(translate("FilePage", "&Tabellenblatt:"))
        self.sheet_label.setBuddy(self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._update_state())
        layout.addWidget(group)

        street_group = QGroupBox(translate("FilePage", "Straßenverzeichnis (optional)"))
        street_layout = QVBoxLayout(street_group)
        hint = QLabel(translate("FilePage", "Nur nötig, wenn der Auszug keine Spalte „Stadtbezirk“ hat: eine Datei "
                                            "mit den Spalten Straße [Hausnummer von, Hausnummer bis], Stadtbezirk "
                                            "[statistischer Bezirk]."))
        hint.setWordWrap(True)
        street_layout.addWidget(hint)
        srow = QHBoxLayout()
        self.street_edit = QLineEdit()
        self.street_edit.setPlaceholderText(translate("FilePage", "kein Straßenverzeichnis"))
        self.street_edit.textChanged.connect(lambda _t: self._update_state())
        sbrowse = QPushButton(translate("FilePage", "Durchsuchen …"))
        sbrowse.clicked.connect(self.browse_street_directory)
        sclear = QPushButton(translate("FilePage", "Entfernen"))
        sclear.clicked.connect(self.street_edit.clear)
        srow.addWidget(self.street_edit, 1)
        srow.addWidget(sbrowse)
        srow.addWidget(sclear)
        street_layout.addLayout(srow)
        layout.addWidget(street_group)

        read_row = QHBoxLayout()
        self.read_button = QPushButton(translate("FilePage", "Einlesen"))
        self.read_button.clicked.connect(lambda: self.start_loading(advance=False))
        read_row.addWidget(self.read_button)
        read_row.addStretch(1)
        layout.addLayout(read_row)

        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)
        layout.addStretch(1)
        self._set_sheet_visible(False)
        self._prefill_demo()

    def _prefill_demo(self) -> None:
        """The example lab starts with the generated demo register already chosen."""
        from ..labs.demo_setup import DEMO_LAB_NAME, REGISTER_FILE_NAME, demo_dir
        if self.session.lab.name != DEMO_LAB_NAME:
            return
        path = demo_dir() / REGISTER_FILE_NAME
        if path.is_file():
            self.set_register_path(path)
            self.info_label.setText(translate("FilePage", "Für das Beispiel-Labor ist der synthetische "
                                                          "Registerauszug schon gewählt (erfundene Personen). Mit "
                                                          "„Weiter“ wird er eingelesen."))

    # -- inputs ---------------------------------------------------------------------------
    def set_register_path(self, path: "Path | str", sheet: Optional[str] = None) -> None:
        self.path_edit.setText(str(path))
        if sheet is not None:
            idx = self.sheet_combo.findText(sheet)
            if idx >= 0:
                self.sheet_combo.setCurrentIndex(idx)

    def set_street_directory_path(self, path: "Path | str | None") -> None:
        self.street_edit.setText(str(path) if path else "")

    def browse_register(self) -> None:
        filters = translate("FilePage", "Registerauszug (*.csv *.txt *.xlsx);;CSV-Dateien (*.csv *.txt);;"
                                        "Excel-Arbeitsmappen (*.xlsx)")
        path = ask_open_path(self, translate("FilePage", "Registerauszug öffnen"), filters, "register",
                             fallback=user_data_dir() / "demo")
        if path is not None:
            self.set_register_path(path)

    def browse_street_directory(self) -> None:
        path = ask_open_path(self, translate("FilePage", "Straßenverzeichnis öffnen"),
                             translate("FilePage", "Straßenverzeichnis (*.csv *.txt *.xlsx)"), "register",
                             fallback=user_data_dir() / "demo")
        if path is not None:
            self.set_street_directory_path(path)

    def _set_sheet_visible(self, visible: bool) -> None:
        self.sheet_combo.setVisible(visible)
        self.sheet_label.setVisible(visible)

    def _on_path_changed(self, text: str) -> None:
        path = Path(text.strip()) if text.strip() else None
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        if path is not None and path.suffix.lower() == ".xlsx" and path.is_file():
            try:
                self.sheet_combo.addItems(list_sheets(path))
            except UserError as exc:
                self.info_label.setText(f"<span style='color:#b00020'>{_html(localized(exc))}</span>")
            self._set_sheet_visible(True)
        else:
            self._set_sheet_visible(False)
        self.sheet_combo.blockSignals(False)
        self._update_state()

    def _update_state(self) -> None:
        s = self.session
        s.register_path = Path(self.path_edit.text().strip()) if self.path_edit.text().strip() else None
        s.sheet = (self.sheet_combo.currentText() or None) if self.sheet_combo.count() else None
        s.street_directory_path = Path(self.street_edit.text().strip()) if self.street_edit.text().strip() else None
        if s.table is not None and s.loaded_key == s.current_file_key():
            self.info_label.setText(describe_table(s.table))
        elif s.table is not None:
            self.info_label.setText(translate("FilePage", "Die Auswahl hat sich geändert: bitte neu einlesen."))
        self.read_button.setEnabled(s.register_path is not None)
        self.completeChanged.emit()

    # -- loading --------------------------------------------------------------------------
    def is_loaded(self) -> bool:
        return self.session.table is not None and self.session.loaded_key == self.session.current_file_key()

    def _on_task_done(self, _state: str) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.session.register_path is not None and not (self.task and not self.task.finished)

    def validatePage(self) -> bool:
        if self.is_loaded():
            return True
        self.start_loading(advance=True)
        return False

    def start_loading(self, advance: bool = False) -> Optional[BackgroundTask]:
        s = self.session
        self._update_state()
        if s.register_path is None:
            return None
        if not s.register_path.exists():
            message = translate("FilePage", "Die Datei „{0}“ gibt es nicht.").format(_html(str(s.register_path)))
            self.info_label.setText(f"<span style='color:#b00020'>{message}</span>")
            return None
        try:
            check_input_file(s.register_path)  # a folder or FIFO: say what it is, never open it
        except UserError as exc:
            self.info_label.setText(f"<span style='color:#b00020'>{_html(localized(exc))}</span>")
            return None
        path, sheet, street_path = s.register_path, s.sheet, s.street_directory_path
        key = s.current_file_key()
        s.forget_register()
        self.info_label.setText(translate("FilePage", "Wird eingelesen …"))

        def job(progress, cancel):
            table = read_register(path, sheet=sheet, progress=scaled(progress, 0.0, 0.9), cancel=cancel)
            directory = StreetDirectory.load(street_path) if street_path is not None else None
            return table, directory

        def done(result) -> None:
            s.table, s.street_directory = result
            s.loaded_key = key
            s.mapping = {}
            self.info_label.setText(describe_table(s.table))
            self.completeChanged.emit()
            self.loaded.emit()
            if self._advance_after_load and self.wizard() is not None and self.wizard().currentPage() is self:
                self.wizard().next()

        def failed(exc: BaseException) -> None:
            self.info_label.setText(f"<span style='color:#b00020'>{_html(localized(exc))}</span>")
            self.completeChanged.emit()
            if not isinstance(exc, UserError):
                from ..tasks import show_task_error
                show_task_error(self, translate("FilePage", "Registerauszug einlesen"), exc)

        self._advance_after_load = advance
        self.task = BackgroundTask(job, title=translate("FilePage", "Registerauszug einlesen"), parent=self,
                                   on_success=done, on_failure=failed,
                                   on_cancelled=lambda: self.info_label.setText(
                                       translate("FilePage", "Einlesen abgebrochen.")))
        self.task.done.connect(self._on_task_done)  # bound method: disconnected if the page is gone
        self.task.start()
        self.completeChanged.emit()
        return self.task


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
