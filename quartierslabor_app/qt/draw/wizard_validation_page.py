"""Wizard page 3: the validation report; invalid rows must be skipped explicitly."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget, QWizardPage)

from ...core.register import validate_register
from ...core import count_texts
from ..i18n import localized, translate
from ..tasks import BackgroundTask
from ..widgets.file_dialogs import ask_save_path, safe_file_part
from .draw_state import DrawSession
from .table_models import SORT_ROLE, RowsTableModel, format_count
from .validation_report import SEVERITY_LABELS, report_rows, summary_counts, write_validation_report


def report_headers() -> tuple[str, ...]:
    """The columns of the report table (the saved CSV keeps its German headers)."""
    return (translate("ValidationPage", "Zeile"), translate("ValidationPage", "Spalte"),
            translate("ValidationPage", "Art"), translate("ValidationPage", "Meldung"))


def _display_rows(rows: list[tuple[int, str, str, str]]) -> list[tuple[int, str, str, str]]:
    """Report rows with the kind of issue in the UI language (the messages are already localized)."""
    kinds = {SEVERITY_LABELS["error"]: translate("ValidationPage", "Fehler"),
             SEVERITY_LABELS["warning"]: translate("ValidationPage", "Hinweis")}
    return [(row, column, kinds.get(kind, kind), message) for row, column, kind, message in rows]


class ValidationPage(QWizardPage):
    validated = Signal()

    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Optional[BackgroundTask] = None
        self._reference_connected = False
        self.setTitle(translate("ValidationPage", "Prüfbericht"))
        self.setSubTitle(translate("ValidationPage", "Jede Zeile wurde geprüft. Die Zeilennummern sind die, die "
                                                     "Excel zeigt (Kopfzeile = Zeile 1 bzw. die Zeile der "
                                                     "Überschriften)."))
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(translate("ValidationPage", "Wird geprüft …"))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        date_row = QHBoxLayout()
        date_label = QLabel(translate("ValidationPage", "&Stichtag für das Alter:"))
        self.reference_edit = QDateEdit()
        self.reference_edit.setCalendarPopup(True)
        self.reference_edit.setDisplayFormat("dd.MM.yyyy")
        self.reference_edit.setToolTip(translate("ValidationPage", "Alter am Stichtag (Standard: der Tag des Labors; "
                                                                   "wie --reference-date auf der Kommandozeile)"))
        date_label.setBuddy(self.reference_edit)
        date_row.addWidget(date_label)
        date_row.addWidget(self.reference_edit)
        date_row.addStretch(1)
        layout.addLayout(date_row)

        filter_row = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(translate("ValidationPage", "Meldungen filtern …"))
        self.filter_edit.setClearButtonEnabled(True)
        filter_row.addWidget(self.filter_edit, 1)
        self.save_button = QPushButton(translate("ValidationPage", "Bericht speichern …"))
        self.save_button.setToolTip(translate("ValidationPage", "Prüfbericht als CSV-Datei (für Excel) speichern"))
        self.save_button.clicked.connect(self.save_report)
        filter_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)   # stays a button without the filter
        layout.addLayout(filter_row)
        self.saved_label = QLabel()
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_label.hide()
        layout.addWidget(self.saved_label)

        self.issue_model = RowsTableModel(report_headers())
        self.issue_proxy = QSortFilterProxyModel(self)
        self.issue_proxy.setSourceModel(self.issue_model)
        self.issue_proxy.setSortRole(SORT_ROLE)
        self.issue_proxy.setFilterKeyColumn(-1)
        self.issue_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.issue_proxy.setFilterFixedString)
        self.issue_view = QTableView()
        self.issue_view.setModel(self.issue_proxy)
        self.issue_view.setSortingEnabled(True)
        self.issue_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.issue_view.verticalHeader().hide()
        self.issue_view.verticalHeader().setDefaultSectionSize(22)
        header = self.issue_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.issue_view, 1)
        # with nothing to report, a plain sentence takes the place of the empty table
        self.no_issues_label = QLabel()
        self.no_issues_label.setWordWrap(True)
        self.no_issues_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_issues_label.setStyleSheet("color:#1b5e20; font-size:13pt; padding:12px 0;")
        self.no_issues_label.hide()
        layout.addWidget(self.no_issues_label, 1)

        self.skip_check = QCheckBox(translate("ValidationPage", "Ungültige Zeilen überspringen (sie nehmen an der "
                                                                "Ziehung nicht teil)"))
        self.skip_check.toggled.connect(self._on_skip_toggled)
        layout.addWidget(self.skip_check)
        self.gate_label = QLabel()
        self.gate_label.setWordWrap(True)
        layout.addWidget(self.gate_label)

    # -- validation -----------------------------------------------------------------------
    def initializePage(self) -> None:
        s = self.session
        ref = s.reference_date
        self.reference_edit.blockSignals(True)
        self.reference_edit.setDate(QDate(ref.year, ref.month, ref.day))
        self.reference_edit.blockSignals(False)
        if not self._reference_connected:
            self.reference_edit.dateChanged.connect(self._reference_changed)
            self._reference_connected = True
        if s.validated is not None and s.validated_key == s.mapping_key():
            self._show_result()
            return
        self.start_validation()

    def _reference_changed(self, date: QDate) -> None:
        """Ages count at the new Stichtag: check the rows again."""
        self.session.reference_override = dt.date(date.year(), date.month(), date.day())
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        self.start_validation()

    def start_validation(self) -> Optional[BackgroundTask]:
        s = self.session
        if s.table is None:
            return None
        s.validated = None
        s.skip_invalid = False
        self.skip_check.setChecked(False)
        self.issue_model.set_data(report_headers(), [])
        self._show_table(True)
        self.summary_label.setText(translate("ValidationPage", "Wird geprüft …"))
        table, mapping, directory, ref = s.table, dict(s.mapping), s.street_directory, s.reference_date
        key = s.mapping_key()

        def job(progress, cancel):
            return validate_register(table, mapping, reference_date=ref, street_directory=directory,
                                     progress=progress, cancel=cancel)

        def done(result) -> None:
            s.validated = result
            s.validated_key = key
            self._show_result()
            self.validated.emit()

        self.task = BackgroundTask(job, title=translate("ValidationPage", "Registerauszug prüfen"), parent=self,
                                   on_success=done,
                                   on_cancelled=lambda: self.summary_label.setText(translate(
                                       "ValidationPage", "Prüfung abgebrochen. Mit „Zurück“ und „Weiter“ neu "
                                                         "starten.")))
        self.task.done.connect(self._on_task_done)  # bound method: disconnected if the page is gone
        self.task.start()
        return self.task

    def _show_result(self) -> None:
        reg = self.session.validated
        if reg is None:
            return
        counts = summary_counts(reg)
        date = self.session.reference_date.strftime("%d.%m.%Y")
        if self.session.reference_date == self.session.lab.date:
            age_text = translate("ValidationPage", "Alter berechnet zum {0} (Datum des Labors).").format(date)
        else:
            age_text = translate("ValidationPage", "Alter berechnet zum {0}.").format(date)
        invalid_color = "#b00020" if counts["invalid"] else "#1b5e20"
        self.summary_label.setText(translate(
            "ValidationPage", "<b>{read}</b> gelesen · <b>{valid}</b> gültig · {invalid} ungültig · "
            "{duplicates} doppelt · {warnings}").format(
                read=localized(count_texts.rows(counts["read"])), valid=format_count(counts["valid"]),
                invalid=f"<b style='color:{invalid_color}'>{format_count(counts['invalid'])}</b>",
                duplicates=format_count(counts["duplicates"]), warnings=localized(count_texts.hints(counts["warnings"])))
            + "<br>" + age_text)
        rows = report_rows(reg, localized)
        colors = {i: QColor("#b00020") for i, r in enumerate(rows) if r[2] == SEVERITY_LABELS["error"]}
        self.issue_model.set_data(report_headers(), _display_rows(rows), colors)
        self.no_issues_label.setText(translate("ValidationPage", "Keine Probleme gefunden: {rows} geprüft, alle "
                                                                 "gültig.").format(
            rows=localized(count_texts.rows(counts["read"]))))
        self._show_table(bool(rows))
        has_invalid = counts["invalid"] > 0
        self.skip_check.setEnabled(has_invalid)
        self.skip_check.setChecked(self.session.skip_invalid and has_invalid)
        self._update_gate()

    def _show_table(self, has_issues: bool) -> None:
        """The report table (and its filter) only when there is something in it."""
        self.issue_view.setVisible(has_issues)
        self.filter_edit.setVisible(has_issues)
        self.no_issues_label.setVisible(not has_issues)

    def _on_skip_toggled(self, checked: bool) -> None:
        self.session.skip_invalid = checked
        self._update_gate()

    def _update_gate(self) -> None:
        reg = self.session.validated
        if reg is None:
            self.gate_label.setText("")
        elif reg.rows_valid == 0:
            self.gate_label.setText("<span style='color:#b00020'>" + translate(
                "ValidationPage", "Keine einzige Zeile ist gültig – so kann nicht gezogen werden. Bitte Datei oder "
                                  "Zuordnung prüfen.") + "</span>")
        elif reg.invalid_rows and not self.skip_check.isChecked():
            self.gate_label.setText("<span style='color:#b00020'>" + translate(
                "ValidationPage", "Es gibt ungültige Zeilen. Die Ziehung läuft erst, wenn Sie ausdrücklich "
                                  "zustimmen, sie zu überspringen – oder den Auszug korrigieren und neu "
                                  "einlesen.") + "</span>")
        elif reg.invalid_rows:
            self.gate_label.setText(translate("ValidationPage", "Übersprungen werden: {invalid}; das "
                                                                "Protokoll vermerkt es.").format(
                invalid=localized(count_texts.invalid_rows(len(reg.invalid_rows)))))
        else:
            self.gate_label.setText("<span style='color:#1b5e20'>"
                                    + translate("ValidationPage", "Alle Zeilen sind gültig.") + "</span>")
        self.completeChanged.emit()

    def _on_task_done(self, _state: str) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        reg = self.session.validated
        if reg is None or reg.rows_valid == 0:
            return False
        return not reg.invalid_rows or self.skip_check.isChecked()

    # -- report ---------------------------------------------------------------------------
    def save_report(self) -> None:
        reg = self.session.validated
        if reg is None:
            return
        stem = safe_file_part(reg.table.file_name.rsplit(".", 1)[0])
        path = ask_save_path(self, translate("ValidationPage", "Prüfbericht speichern"), f"Pruefbericht_{stem}.csv",
                             translate("ValidationPage", "CSV-Dateien (*.csv)"), "reports")
        if path is None:
            return
        try:
            write_validation_report(path, reg)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            from ..tasks import show_task_error
            show_task_error(self, translate("ValidationPage", "Prüfbericht speichern"), exc)
            return
        self.saved_label.setText(translate("ValidationPage", "Gespeichert: {0}").format(path))
        self.saved_label.show()
