"""The dialog of "Teilnehmende fair auslosen …": seed and slack in, everyone's probability out.

The work is the core use case ``run_lab_panel`` (the same as ``quartierslabor panel --lab``), run off
the GUI thread.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget)

from ...core.draw.model import DIMENSION_LABELS
from ...core.selection.panel.lab_panel import (LAB_FEATURES, LabPanelResult, replacement_keeps_selection_quotas,
                                                   run_lab_panel, selection_quotas_recorded)
from ...core.selection.panel.outputs import PanelFiles, default_copy_path, write_panel_files
from ...core.storage.database import Database
from ...core import count_texts
from ..i18n import localized, translate
from ..tasks import BackgroundTask
from ..widgets.file_dialogs import ask_save_path, safe_file_part
from .invitee_model import COL_SELECTED, invitee_headers
from .table_models import RowsTableModel

_FEATURE_KEYS = {feature: key for _attr, key, feature in LAB_FEATURES}
_LABEL_KEYS = {"age_band": "age", "gender": "gender", "district": "district", "subdistrict": "subdistrict"}


def _feature_label(feature: str) -> str:
    key = _LABEL_KEYS.get(_FEATURE_KEYS.get(feature, ""), "")
    label = translate("Strata", DIMENSION_LABELS[key]) if key else feature
    return label[:1].upper() + label[1:]


def _feature_value(feature: str, value: str) -> str:
    """Gender values are stored as German labels; show them in the UI language."""
    return translate("Gender", value) if _FEATURE_KEYS.get(feature) == "gender" else value


class PanelDialog(QDialog):
    """``PanelDialog(database, lab_id, seats, replace_dropouts)``: draw (or re-draw for drop-outs) the panel."""

    #: the panel was stored
    panel_saved = Signal()

    def __init__(self, database: Database, lab_id: int, seats: int, *, replace_dropouts: bool = False,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database, self.lab_id, self.seats = database, lab_id, seats
        self.replace_dropouts = replace_dropouts
        self.task: Optional[BackgroundTask] = None
        self.save_task: Optional[BackgroundTask] = None
        self.result: Optional[LabPanelResult] = None
        self.setWindowTitle(translate("PanelDialog", "Nachrücken auslosen") if replace_dropouts
                            else translate("PanelDialog", "Teilnehmende fair auslosen"))
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self._intro_text(database, lab_id, replace_dropouts))
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        form = QFormLayout()
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText(translate("PanelDialog", "z. B. Lottozahlen oder Würfel in öffentlicher "
                                                                   "Sitzung"))
        form.addRow(translate("PanelDialog", "Startwert:"), self.seed_edit)
        self.slack_spin = QSpinBox()
        self.slack_spin.setRange(0, max(1, seats))
        self.slack_spin.setToolTip(translate("PanelDialog", "Die Quoten sind Bevölkerungsanteil × Plätze, ab- und "
                                                            "aufgerundet; der Spielraum erweitert sie um so viele "
                                                            "Personen nach unten und oben."))
        form.addRow(translate("PanelDialog", "Spielraum der Quoten (Personen):"), self.slack_spin)
        # replacements keep the selection's quotas; only an older lab without recorded quotas uses defaults
        form.setRowVisible(self.slack_spin, not replace_dropouts or not selection_quotas_recorded(database, lab_id))
        form.addRow(translate("PanelDialog", "Plätze:"), QLabel(str(seats)))
        layout.addLayout(form)
        self.start_button = QPushButton(translate("PanelDialog", "Auslosen"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.model = RowsTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.hide()
        layout.addWidget(self.table, 1)
        # until the table shows, the spare room goes below the form instead of between its rows
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.addButton(translate("PanelDialog", "Protokoll speichern …"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip(translate("PanelDialog", "Protokoll (PDF) mit allen Wahrscheinlichkeiten, dazu "
                                                             "der prüfbare Datensatz (JSON) und die Zusagen (nur "
                                                             "Kennung und Merkmale) für quartierslabor verify"))
        self.save_button.clicked.connect(lambda: self.save_protocol())
        self.save_button.hide()
        layout.addWidget(buttons)
        self.resize(720, 560)

    @staticmethod
    def _intro_text(database: Database, lab_id: int, replace_dropouts: bool) -> str:
        if not replace_dropouts:
            return translate("PanelDialog", "Unter allen Zusammensetzungen, die die Quoten nach Altersgruppe, "
                                            "Geschlecht und Bezirk erfüllen, wird die Verteilung gewählt, die der "
                                            "Person mit der geringsten Chance die größtmögliche Chance gibt; dann "
                                            "wird mit dem öffentlichen Startwert gelost.")
        if replacement_keeps_selection_quotas(database, lab_id):
            return translate("PanelDialog", "Für die Panel-Mitglieder, die abgesagt haben, wird unter den übrigen "
                                            "Zusagen fair nachgelost; alle Quoten bleiben erfüllt.")
        # an older lab: the note after the run names the quotas used; the intro must not promise the selection's
        return translate("PanelDialog", "Für die Panel-Mitglieder, die abgesagt haben, wird unter den übrigen "
                                        "Zusagen fair nachgelost. Die Quoten der ursprünglichen Auswahl sind für "
                                        "dieses Labor nicht gespeichert; die Nachrücker erfüllen die hier "
                                        "verwendeten Quoten, die davon abweichen können.")

    def start(self) -> Optional[BackgroundTask]:
        seed = self.seed_edit.text().strip()
        if not seed:
            self.summary_label.setText(translate("PanelDialog", "Bitte zuerst einen Startwert eingeben."))
            self.seed_edit.setFocus()
            return None
        database, lab_id, slack, replace = self.database, self.lab_id, self.slack_spin.value(), self.replace_dropouts

        def job(progress, cancel):
            return run_lab_panel(database, lab_id, seed, slack=slack, replace_dropouts=replace,
                                 progress=progress, cancel=cancel)

        self.start_button.setEnabled(False)
        self.task = BackgroundTask(job, title=translate("PanelDialog", "Faire Verteilung berechnen"), parent=self,
                                   on_success=self._show, on_failure=self._failed)
        return self.task.start()

    def _failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        text = html.escape(localized(exc)).replace("\n", "<br>")
        self.summary_label.setText(f"<span style='color:#b00020'>{text}</span>")

    def _show(self, result: LabPanelResult) -> None:
        self.result = result
        outcome = result.outcome
        comp = outcome.computation
        probs = list(comp.probabilities.values())
        if outcome.is_replacement:
            text = translate("PanelDialog", "Nachgerückt: <b>{0}</b> (für {1}). Das Panel hat wieder {2}.").format(
                ", ".join(outcome.draw.selected), ", ".join(sorted(outcome.request.dropouts)),
                localized(count_texts.members(len(outcome.selected))))
        else:
            text = translate("PanelDialog", "Ausgelost: <b>{0}</b> von {1}. Kleinste Chance {2} "
                                            "(bestmöglich bei diesen Quoten), größte {3}.").format(
                len(outcome.selected), localized(count_texts.acceptances(len(outcome.request.respondents))),
                _percent(min(probs)), _percent(max(probs)))
        if outcome.request.quota_note is not None:   # e.g. an older lab: the selection's quotas are unknown
            note = html.escape(localized(outcome.request.quota_note))
            text += f"<br><span style='color:#8a5300'>{note}</span>"
        self.summary_label.setText(text)
        headers = [translate("PanelDialog", "Nr."), *(_feature_label(f) for f in outcome.features),
                   translate("PanelDialog", "Wahrscheinlichkeit"), invitee_headers()[COL_SELECTED]]   # as in the list
        features = outcome.features
        rows = [(row[0], *(_feature_value(f, v) for f, v in zip(features, row[1:-2])),
                 _percent(float(row[-2])), translate("PanelDialog", "ja") if row[-1] else "")
                for row in result.probability_rows()]
        self.model.set_data(headers, rows)
        self.filler.hide()
        self.table.show()
        self.start_button.hide()
        self.save_button.show()
        self.seed_edit.setReadOnly(True)
        self.slack_spin.setEnabled(False)
        self.panel_saved.emit()


    def save_protocol(self, path: Optional[Path] = None) -> Optional[BackgroundTask]:
        """Write protocol, record and respondents copy (the same files as ``quartierslabor panel --lab``)."""
        if self.result is None:
            return None
        result = self.result
        if path is None:
            path = ask_save_path(self, translate("PanelDialog", "Protokoll der Panel-Auswahl speichern"),
                                 f"Panel_{safe_file_part(result.lab_name)}.pdf",
                                 translate("PanelDialog", "PDF-Dateien (*.pdf)"), "exports")
            if path is None:
                return None
        record = path.with_suffix(".json")
        targets = PanelFiles(record, protocol=path, respondents_copy=default_copy_path(record))

        def job(progress, cancel):
            return write_panel_files(result.outcome, targets, lab_name=result.lab_name)

        self.save_task = BackgroundTask(job, title=translate("PanelDialog", "Protokoll schreiben"), parent=self,
                                        on_success=lambda written: self.summary_label.setText(
                                            self.summary_label.text() + "<br>" + translate(
                                                "PanelDialog", "Gespeichert: {0}").format(
                                                ", ".join(p.name for p in written))))
        return self.save_task.start()


def _percent(value: float) -> str:
    return translate("PanelDialog", "{0} %").format(QLocale().toString(value * 100, "f", 1))
