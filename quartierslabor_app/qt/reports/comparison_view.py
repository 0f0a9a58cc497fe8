"""Comparison across labs for the Lenkungskreis: labs by district and date, shares of concerns per
cluster and Handlungsfeld, changes since a district's previous lab, status of recommendations.
Exported as PDF and Excel like the lab report."""
from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from ...core.errors import UserError
from ...core.labs import DORTMUND_DISTRICTS, lab_districts
from ...core.progress import scaled
from ...core.reports import ComparisonData, build_comparison, write_comparison_pdf, write_comparison_xlsx
from ...core.storage.database import Database
from .comparison_tables import (CHANGE_HEADERS, LAB_HEADERS, REC_HEADERS, fill_changes, fill_labs,
                                fill_recommendations, fill_shares, make_table)
from .export_support import ExportResultPanel, ExportRunner, ask_save_path, default_file_name
from ...core import count_texts
from ..i18n import localized, translate
from ..recommendations.choice_labels import choice_label

ALL_DISTRICTS = QT_TRANSLATE_NOOP("ComparisonView", "Alle Stadtbezirke")


def _comparison_job(database: Database, district: Optional[str], path, writer, *, progress=None, cancel=None):
    """Worker thread: collect the comparison in its own session, then write the file."""
    with database.session() as s:
        data = build_comparison(s, district, progress=scaled(progress, 0.0, 0.3), cancel=cancel)
    return writer(path, data, progress=scaled(progress, 0.3, 1.0), cancel=cancel)


def _placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #555; padding: 24px;")
    return label


class ComparisonView(QWidget):
    """``refresh()`` re-reads all labs; ``exportFinished(state, detail)`` after each export."""

    exportFinished = Signal(str, str)  # noqa: N815

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.data: Optional[ComparisonData] = None

        self.district_combo = QComboBox()
        self.district_combo.setAccessibleName(translate('ComparisonView', 'Stadtbezirk'))
        self.district_combo.setMinimumWidth(200)
        self.pdf_button = QPushButton(translate('ComparisonView', 'Vergleich als PDF exportieren …'))
        self.xlsx_button = QPushButton(translate('ComparisonView', 'Vergleich als Excel exportieren …'))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        self.labs_table = make_table(LAB_HEADERS, translate('ComparisonView', 'Labore nach Stadtbezirk und Datum'))
        self.cluster_table = make_table([translate('ComparisonView', 'Thema')], translate('ComparisonView', 'Anteil der Anliegen je Thema'))
        self.field_table = make_table([translate('ComparisonView', 'Handlungsfeld')], translate('ComparisonView', 'Anteil der Anliegen je Handlungsfeld'))
        self.changes_table = make_table(CHANGE_HEADERS, translate('ComparisonView', 'Veränderung seit dem letzten Labor'))
        self.changes_stack = QStackedWidget()
        self.changes_stack.addWidget(self.changes_table)
        self.changes_stack.addWidget(_placeholder(
            translate('ComparisonView', 'Noch kein Stadtbezirk mit zwei Quartierslaboren. Sobald ein Bezirk ein zweites Mal dran war, steht hier, wie sich seine Anliegen seit dem letzten Labor verändert haben.')))
        self.recs_table = make_table(REC_HEADERS, translate('ComparisonView', 'Stand der Empfehlungen'))
        self.status_label = QLabel()
        self.earlier_only_check = QCheckBox(translate('ComparisonView', 'Nur frühere Labore (ohne das jeweils jüngste Labor eines Bezirks)'))
        self.earlier_only_check.setToolTip(translate('ComparisonView', 'Was ist aus den Empfehlungen der vorigen Labore geworden?'))

        recs_page = QWidget()
        recs_layout = QVBoxLayout(recs_page)
        recs_layout.setContentsMargins(0, 4, 0, 0)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.earlier_only_check)
        recs_layout.addLayout(status_row)
        recs_layout.addWidget(self.recs_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.cluster_table, translate('ComparisonView', 'Anliegen je Thema'))
        self.tabs.addTab(self.field_table, translate('ComparisonView', 'Anliegen je Handlungsfeld'))
        self.tabs.addTab(self.changes_stack, translate('ComparisonView', 'Veränderung seit dem letzten Labor'))
        self.tabs.addTab(recs_page, translate('ComparisonView', 'Stand früherer Empfehlungen'))

        self.result_panel = ExportResultPanel()

        top = QHBoxLayout()
        top.addWidget(QLabel(translate('ComparisonView', 'Stadtbezirk:')))
        top.addWidget(self.district_combo)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        labs_box = QWidget()
        labs_layout = QVBoxLayout(labs_box)
        labs_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(translate('ComparisonView', 'Quartierslabore nach Stadtbezirk und Datum'))
        heading.setStyleSheet("font-weight: bold;")
        labs_layout.addWidget(heading)
        labs_layout.addWidget(self.labs_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(labs_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result_panel)

        self.runner = ExportRunner(self, self.result_panel)
        self.runner.finished.connect(self.exportFinished)
        self.runner.busyChanged.connect(self._set_busy)
        self.district_combo.currentIndexChanged.connect(lambda _i: self._load())
        self.earlier_only_check.toggled.connect(lambda _c: self._fill_recommendations())
        self.pdf_button.clicked.connect(self.export_pdf)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.refresh()

    # -- data -----------------------------------------------------------------------------
    def district(self) -> Optional[str]:
        return self.district_combo.currentData()

    def set_district(self, district: Optional[str]) -> bool:
        i = self.district_combo.findData(district)
        if i < 0:
            return False
        self.district_combo.setCurrentIndex(i)
        return True

    def refresh(self) -> None:
        """Re-read the districts that have labs, then the comparison."""
        with self.database.session() as s:
            present = lab_districts(s)
        order = {d: i for i, d in enumerate(DORTMUND_DISTRICTS)}
        districts = sorted(present, key=lambda d: (order.get(d, len(order)), d.casefold()))
        current = self.district()
        self.district_combo.blockSignals(True)
        self.district_combo.clear()
        self.district_combo.addItem(translate("ComparisonView", ALL_DISTRICTS), None)
        for d in districts:
            self.district_combo.addItem(d, d)
        i = self.district_combo.findData(current)
        self.district_combo.setCurrentIndex(max(0, i))
        self.district_combo.blockSignals(False)
        self._load()

    def _load(self) -> None:
        try:
            with self.database.session() as s:
                self.data = build_comparison(s, self.district())
        except UserError as exc:  # the district lost its last lab meanwhile
            self.data = None
            self.summary_label.setText(localized(exc))
            self._set_busy(self.runner.busy)
            return
        data = self.data
        fill_labs(self.labs_table, data.labs)
        fill_shares(self.cluster_table, data.cluster_shares, data.labs, translate('ComparisonView', 'Thema'))
        fill_shares(self.field_table, data.field_shares, data.labs, translate('ComparisonView', 'Handlungsfeld (Masterplan 2.0)'))
        fill_changes(self.changes_table, data)
        self.changes_stack.setCurrentIndex(0 if data.district_changes else 1)
        self._fill_recommendations()
        n_labs = len(data.labs)
        self.summary_label.setText(
            translate('ComparisonView', '{labs} in {districts} ({scope}). Anteile: Anteil der Anliegen eines Labors, die auf ein Thema entfallen.').format(
                labs=localized(count_texts.quarter_labs(n_labs)),
                districts=localized(count_texts.districts_dative(len(data.districts))),
                scope=(translate('ComparisonView', 'Stadtbezirk {0}').format(data.district) if data.district
                       else translate('ComparisonView', 'alle Stadtbezirke')))
            if n_labs else translate('ComparisonView', 'Noch keine Quartierslabore angelegt.'))
        self._set_busy(self.runner.busy)

    def _fill_recommendations(self) -> None:
        data = self.data
        if data is None:
            return
        recs = data.recommendations
        if self.earlier_only_check.isChecked():
            latest: dict[str, int] = {}
            for lab in data.labs:  # ordered by district, then date
                latest[lab.district] = lab.lab_id
            recs = [r for r in recs if latest.get(r.district) != r.lab_id]
        fill_recommendations(self.recs_table, recs)
        totals: dict[str, int] = {}
        for rec in recs:
            totals[rec.status] = totals.get(rec.status, 0) + 1
        n = len(recs)
        self.status_label.setText(
            localized(count_texts.recommendations(n)) + ': ' + ", ".join(f"{totals.get(status, 0)} {choice_label(status)}" for status in data.status_totals)
            if n else translate('ComparisonView', 'Keine Empfehlungen in dieser Auswahl.'))

    # -- export ---------------------------------------------------------------------------
    def default_name(self, suffix: str) -> str:
        parts = [translate('ComparisonView', 'Quartierslabor'), translate('ComparisonView', 'Vergleich')]
        if self.district():
            parts.append(self.district())
        return default_file_name(parts, dt.date.today(), suffix)

    def export_pdf(self) -> None:
        self._export(".pdf", translate('ComparisonView', 'Vergleich als PDF exportieren'), write_comparison_pdf, translate('ComparisonView', 'Vergleich gespeichert.'))

    def export_xlsx(self) -> None:
        self._export(".xlsx", translate('ComparisonView', 'Vergleich als Excel exportieren'), write_comparison_xlsx,
                     translate('ComparisonView', 'Excel-Arbeitsmappe mit dem Vergleich gespeichert.'))

    def _export(self, suffix: str, title: str, writer, success_text: str) -> None:
        path = ask_save_path(self, title, self.default_name(suffix), suffix)
        if path is None:
            return
        self.runner.run(title, partial(_comparison_job, self.database, self.district(), path, writer), success_text)

    def _set_busy(self, busy: bool) -> None:
        enabled = not busy and self.data is not None and bool(self.data.labs)
        self.pdf_button.setEnabled(enabled)
        self.xlsx_button.setEnabled(enabled)
