"""The "Export" step: check the lab's data, then write the Lenkungskreis report (PDF) and workbook (Excel)."""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ...core.errors import UserError
from ...core.progress import scaled
from ...core.reports import LabReportData, build_lab_report, write_lab_pdf, write_lab_xlsx
from ...core.reports.lab_data import UNCLUSTERED_NAME
from ...core.lab_service import set_participants_count
from ...core.labs import find_lab
from ...core.storage.database import Database
from .export_support import ExportResultPanel, ExportRunner, ask_save_path, default_file_name
from ...core import count_texts
from ..i18n import localized, translate

log = logging.getLogger(__name__)

PRIVACY_NOTE = QT_TRANSLATE_NOOP("ExportView", 'Datenschutz: Bericht und Arbeitsmappe enthalten keine personenbezogenen Daten – keine Namen, keine Anschriften, keine Geburtsdaten. Angaben zur Teilnahme erscheinen nur zusammengefasst (Altersgruppe, Geschlecht, Stadtteil) im Vergleich zur Bevölkerung des Bezirks. Die Anliegen stehen wörtlich, aber ohne Namen darin.')

OK, WARN = "✓", "⚠"


def _export_job(database: Database, lab_id: int, path: Path, writer, *, progress=None, cancel=None) -> Path:
    """Runs on the worker thread: read the report data in its own session, then write the file."""
    if progress is not None:
        progress(0.02, translate('ExportView', 'Daten des Labors werden gelesen …'))
    with database.session() as s:
        lab = find_lab(s, lab_id)
        data = build_lab_report(s, lab)
    return writer(path, data, progress=scaled(progress, 0.1, 1.0), cancel=cancel)


class ExportView(QWidget):
    """Export of one lab. ``exportFinished(state, detail)`` after each export (for tests and the main window)."""

    exportFinished = Signal(str, str)  # noqa: N815
    changed = Signal()  # lab data changed here (participants count)

    def __init__(self, database: Database, lab_id: int, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self._data: Optional[LabReportData] = None

        # -- lab data ---------------------------------------------------------------------
        self.name_label = QLabel()
        self.district_label = QLabel()
        self.date_label = QLabel()
        self.venue_label = QLabel()
        for label in (self.name_label, self.district_label, self.date_label, self.venue_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.participants_spin = QSpinBox()
        self.participants_spin.setRange(0, 10000)
        self.participants_spin.setSpecialValueText(translate('ExportView', 'nicht eingetragen'))
        self.participants_spin.setMinimumWidth(160)
        self.participants_spin.setToolTip(translate('ExportView', 'Wie viele Menschen haben am Quartierslabor teilgenommen? Wird sofort gespeichert.'))
        self.participants_spin.setAccessibleName(translate('ExportView', 'Zahl der Teilnehmenden'))
        self.participants_hint = QLabel()
        self.participants_hint.setStyleSheet("color: #555;")
        meta_box = QGroupBox(translate('ExportView', 'Angaben zum Quartierslabor'))
        meta = QFormLayout(meta_box)
        meta.addRow(translate('ExportView', 'Name'), self.name_label)
        meta.addRow(translate('ExportView', 'Stadtbezirk'), self.district_label)
        meta.addRow(translate('ExportView', 'Datum'), self.date_label)
        meta.addRow(translate('ExportView', 'Ort'), self.venue_label)
        participants_row = QHBoxLayout()
        participants_row.addWidget(self.participants_spin)
        participants_row.addWidget(self.participants_hint, 1)
        meta.addRow(translate('ExportView', 'Teilnehmende'), participants_row)

        # -- check list -------------------------------------------------------------------
        self.checks = QListWidget()
        self.checks.setAccessibleName(translate('ExportView', 'Prüfung vor dem Export'))
        self.checks.setMinimumHeight(150)
        self.checks.setWordWrap(True)
        self.checks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        checks_box = QGroupBox(translate('ExportView', 'Prüfung vor dem Export'))
        QVBoxLayout(checks_box).addWidget(self.checks)

        # -- export -----------------------------------------------------------------------
        self.pdf_button = QPushButton(translate('ExportView', 'Bericht als PDF exportieren …'))
        self.xlsx_button = QPushButton(translate('ExportView', 'Arbeitsmappe als Excel exportieren …'))
        for button in (self.pdf_button, self.xlsx_button):
            button.setMinimumHeight(36)
        self.pdf_button.setToolTip(translate('ExportView', 'Bericht für den Lenkungskreis: Titelseite, Inhalt, Zusammenfassung, Teilnahme, Anliegen je Thema, Empfehlungen nach Handlungsfeld'))
        self.xlsx_button.setToolTip(translate('ExportView', 'Tabellen: Empfehlungen, Anliegen, Themen, Teilnahme, Info'))
        privacy = QLabel(translate("ExportView", PRIVACY_NOTE))
        privacy.setWordWrap(True)
        privacy.setStyleSheet("background: #eef4fb; border: 1px solid #c9daf0; padding: 8px;")
        self.result_panel = ExportResultPanel()
        export_box = QGroupBox(translate('ExportView', 'Export für den Lenkungskreis'))
        export_layout = QVBoxLayout(export_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)
        export_layout.addLayout(buttons)
        export_layout.addWidget(privacy)
        export_layout.addWidget(self.result_panel)

        top = QHBoxLayout()
        top.addWidget(meta_box, 1)
        top.addWidget(checks_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(export_box)
        layout.addStretch(1)

        self.runner = ExportRunner(self, self.result_panel)
        self.runner.finished.connect(self._on_finished)
        self.runner.busyChanged.connect(self._set_busy)
        self.participants_spin.valueChanged.connect(self._save_participants)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.refresh()

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            with self.database.session() as s:
                lab = find_lab(s, self.lab_id)
                if lab is None:
                    raise UserError(translate('ExportView', 'Dieses Quartierslabor gibt es nicht mehr.'))
                self._data = build_lab_report(s, lab)
                stored_participants = lab.participants_count
        except Exception as exc:  # noqa: BLE001 - shown in the view instead of a crash
            if not isinstance(exc, UserError):
                log.exception("reading the lab for the export failed")
            self._data = None
            self.checks.clear()
            self.checks.addItem(translate('ExportView', '{WARN}  Die Daten des Labors konnten nicht gelesen werden: {exc}').format(WARN=WARN, exc=exc))
            self._set_busy(True)
            return
        data = self._data
        self.name_label.setText(data.lab_name)
        self.district_label.setText(data.district)
        self.date_label.setText(data.date_text)
        self.venue_label.setText(data.venue or "–")
        recorded = data.summary.attendance_recorded
        self.participants_spin.blockSignals(True)
        # attendance taken on the workshop day is the figure; a count typed here only without it
        self.participants_spin.setValue((data.summary.participants if recorded else stored_participants) or 0)
        self.participants_spin.setEnabled(not recorded)
        self.participants_spin.blockSignals(False)
        self._update_participants_hint(stored_participants)
        self._fill_checks(data, stored_participants)
        self._set_busy(self.runner.busy)

    def _update_participants_hint(self, stored: Optional[int]) -> None:
        data = self._data
        if data is None:
            return
        if data.summary.attendance_recorded:
            self.participants_hint.setText(translate('ExportView', 'aus der Anwesenheit am Workshoptag '
                                                                   '(Schritt „Einladung“)'))
        elif stored is None and data.summary.participants:
            self.participants_hint.setText(translate('ExportView', 'aus der Einladung übernommen: {0}').format(data.summary.participants))
        elif data.summary.accepted:
            self.participants_hint.setText(translate('ExportView', '{acceptances} von {invitations}').format(
                acceptances=localized(count_texts.acceptances(data.summary.accepted)),
                invitations=localized(count_texts.invitations(data.summary.invited))))
        else:
            self.participants_hint.setText("")

    def _fill_checks(self, data: LabReportData, stored_participants: Optional[int]) -> None:
        s = data.summary
        unclustered = sum(len(c.cards) for c in data.clusters if not c.key and c.name == UNCLUSTERED_NAME)
        no_field = sum(1 for r in data.recommendations if not r.handlungsfeld_codes)
        no_actor = sum(1 for r in data.recommendations if not r.actor)
        items = [
            (OK if data.date else WARN, translate('ExportView', 'Datum: {0}').format(data.date_text) if data.date else
             translate('ExportView', 'Kein Datum eingetragen – Titelseite und Dateiname zeigen „ohne Datum“.')),
            (OK if data.venue else WARN, translate('ExportView', 'Ort: {0}').format(data.venue) if data.venue else translate('ExportView', 'Kein Veranstaltungsort eingetragen.')),
            (OK if s.participants else WARN, translate('ExportView', 'Teilnehmende: {0}').format(s.participants) if s.participants
             else translate('ExportView', 'Die Zahl der Teilnehmenden fehlt – bitte links eintragen.')),
            (OK if s.cards else WARN, translate('ExportView', '{concerns} in {topics}, {dots}').format(
                concerns=localized(count_texts.concerns(s.cards)), topics=localized(count_texts.topics(s.clusters)),
                dots=localized(count_texts.dots(s.votes)))
             if s.cards else translate('ExportView', 'Noch keine Anliegen erfasst.')),
            (OK if s.recommendations else WARN, localized(count_texts.recommendations(s.recommendations)) if s.recommendations
             else translate('ExportView', 'Noch keine Handlungsempfehlungen – Schritt „Empfehlungen“.')),
        ]
        if s.cards:
            items.insert(4, (OK if not unclustered else WARN,
                             translate('ExportView', 'Alle Anliegen sind einem Thema zugeordnet.') if not unclustered else
                             translate('ExportView', '{concerns} ohne Thema (erscheinen unter „{UNCLUSTERED_NAME}“).').format(concerns=localized(count_texts.concerns(unclustered)), UNCLUSTERED_NAME=UNCLUSTERED_NAME)))
        if no_field:
            items.append((WARN, translate('ExportView', '{recommendations} ohne Handlungsfeld.').format(recommendations=localized(count_texts.recommendations(no_field)))))
        if no_actor:
            items.append((WARN, translate('ExportView', '{recommendations} ohne zuständige Stelle.').format(recommendations=localized(count_texts.recommendations(no_actor)))))
        items.append((OK if data.participation else WARN,
                      translate('ExportView', 'Teilnahmestatistik aus der Auslosung vorhanden (nur zusammengefasst).') if data.participation
                      else translate('ExportView', 'Keine Teilnahmestatistik (keine Auslosung in diesem Labor) – der Abschnitt bleibt kurz.')))
        self.checks.clear()
        for mark, text in items:
            item = QListWidgetItem(f"{mark}  {text}")
            item.setForeground(Qt.GlobalColor.darkGreen if mark == OK else Qt.GlobalColor.darkRed)
            self.checks.addItem(item)

    def check_texts(self) -> list[str]:
        return [self.checks.item(i).text() for i in range(self.checks.count())]

    def _save_participants(self, value: int) -> None:
        set_participants_count(self.database, self.lab_id, value)
        self.refresh()
        self.changed.emit()

    # -- export ---------------------------------------------------------------------------
    def default_name(self, suffix: str) -> str:
        data = self._data
        if data is None:
            return translate('ExportView', 'Quartierslabor{suffix}').format(suffix=suffix)
        return default_file_name([translate('ExportView', 'Quartierslabor'), data.district or data.lab_name], data.date, suffix)

    def export_pdf(self) -> None:
        # the Fotoprotokoll page: the board drawn here (GUI thread) by the presentation window's code
        from ..board.board_picture import board_pngs_for_report

        writer = partial(write_lab_pdf, board_pictures=board_pngs_for_report(self.database, self.lab_id))
        self._export(".pdf", translate('ExportView', 'Bericht als PDF exportieren'), writer, translate('ExportView', 'Bericht gespeichert.'))

    def export_xlsx(self) -> None:
        self._export(".xlsx", translate('ExportView', 'Arbeitsmappe als Excel exportieren'), write_lab_xlsx, translate('ExportView', 'Excel-Arbeitsmappe gespeichert.'))

    def _export(self, suffix: str, title: str, writer, success_text: str) -> None:
        path = ask_save_path(self, title, self.default_name(suffix), suffix)
        if path is None:
            return
        self.runner.run(title, partial(_export_job, self.database, self.lab_id, path, writer), success_text)

    def _set_busy(self, busy: bool) -> None:
        enabled = not busy and self._data is not None
        self.pdf_button.setEnabled(enabled)
        self.xlsx_button.setEnabled(enabled)

    def _on_finished(self, state: str, detail: str) -> None:
        self.exportFinished.emit(state, detail)
