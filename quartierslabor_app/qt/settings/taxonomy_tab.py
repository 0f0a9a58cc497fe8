"""Settings tab: the city's default taxonomy (clusters for new labs): view, load from a file, reset."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import count_texts
from ...core.clustering.model import ClusterDef
from ...core.clustering.taxonomy import default_taxonomy, taxonomy_from_json
from ...core.errors import UserError
from ...core.input_files import read_utf8_text
from ..i18n import localized, translate
from ..widgets.file_dialogs import ask_open_path
from .settings_values import SettingsValues


class TaxonomyTab(QWidget):
    def __init__(self, has_database: bool, parent=None) -> None:
        super().__init__(parent)
        self._taxonomy: Optional[list[ClusterDef]] = None
        self._changed = False
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([translate("TaxonomyTab", "Thema"),
                                              translate("TaxonomyTab", "Handlungsfelder"),
                                              translate("TaxonomyTab", "Beschreibung")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(translate("TaxonomyTab", "Standard-Taxonomie"))
        self.load_button = QPushButton(translate("TaxonomyTab", "Aus Datei laden …"))
        self.load_button.setToolTip(translate("TaxonomyTab", "Eine mit Quartierslabor gespeicherte Themenliste (JSON)"))
        self.load_button.clicked.connect(self.load_from_file)
        self.reset_button = QPushButton(translate("TaxonomyTab", "Auf eingebaute Vorgabe zurücksetzen"))
        self.reset_button.clicked.connect(self.reset_to_builtin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        hint = QLabel(translate(
            "TaxonomyTab", "Neue Quartierslabore beginnen mit diesen Themen. Im Workshop lassen sich die Themen "
            "eines Labors über „Stadtvorgaben → Themen dieses Labors als Vorgabe für neue Labore speichern“ zur "
            "Vorgabe machen. Bestehende Labore behalten ihre eigenen Themen."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        if not has_database:
            self.load_button.setEnabled(False)
            self.reset_button.setEnabled(False)

    # -- state ---------------------------------------------------------------------------------
    def load(self, values: SettingsValues) -> None:
        self._taxonomy = values.city_taxonomy
        self._changed = False
        self._show()

    def store(self, values: SettingsValues) -> None:
        if self._changed:
            values.city_taxonomy = self._taxonomy
            values.taxonomy_changed = True

    def is_builtin(self) -> bool:
        return self._taxonomy is None

    def _show(self) -> None:
        clusters = self._taxonomy if self._taxonomy is not None else default_taxonomy()
        if self._taxonomy is None:
            text = translate("TaxonomyTab", "Es gilt die eingebaute Vorgabe ({topics}).").format(
                topics=localized(count_texts.topics(len(clusters))))
        else:
            text = translate("TaxonomyTab", "Es gilt die eigene Vorgabe der Stadt ({topics}).").format(
                topics=localized(count_texts.topics(len(clusters))))
        if self._changed:
            text += " " + translate("TaxonomyTab", "Wird mit „OK“ gespeichert.")
        self.source_label.setText(text)
        self.reset_button.setEnabled(self._taxonomy is not None and self.load_button.isEnabled())
        self.table.setRowCount(len(clusters))
        for row, cluster in enumerate(clusters):
            name = QTableWidgetItem(cluster.name)
            name.setData(Qt.ItemDataRole.DecorationRole, QColor(cluster.color))
            name.setToolTip(cluster.key)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(", ".join(cluster.handlungsfeld_codes)))
            self.table.setItem(row, 2, QTableWidgetItem(cluster.description))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    # -- actions ---------------------------------------------------------------------------------
    def reset_to_builtin(self) -> None:
        self._taxonomy = None
        self._changed = True
        self._show()

    def set_taxonomy(self, clusters: list[ClusterDef]) -> None:
        self._taxonomy = list(clusters)
        self._changed = True
        self._show()

    def load_from_file(self) -> None:
        path = ask_open_path(self, translate("TaxonomyTab", "Themenliste laden"),
                             translate("TaxonomyTab", "Themenliste (*.json)"), "taxonomy")
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> bool:
        try:
            clusters = taxonomy_from_json(read_utf8_text(path), source=str(path))
        except OSError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"),
                                translate("TaxonomyTab", "Die Datei „{0}“ konnte nicht gelesen werden ({1}).")
                                .format(path, exc.strerror or exc))
            return False
        except UserError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"), localized(exc))
            return False
        self.set_taxonomy(clusters)
        return True
