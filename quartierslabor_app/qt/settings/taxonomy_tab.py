"""Settings tab: the city's default taxonomy (clusters for new labs): view, extend (cue words, example cards,
new clusters), import, export, reset."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import count_texts
from ...core.clustering.model import ClusterDef
from ...core.clustering.taxonomy import default_taxonomy, taxonomy_from_json
from ...core.clustering.taxonomy_edit import (cue_lines, edited_cluster, new_cluster, parse_example_text,
                                              write_taxonomy_file)
from ...core.errors import UserError
from ...core.input_files import read_utf8_text
from ..i18n import localized, translate
from ..widgets.file_dialogs import ask_open_path, ask_save_path
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(translate("TaxonomyTab", "Standard-Taxonomie"))
        self.load_button = QPushButton(translate("TaxonomyTab", "Aus Datei laden …"))
        self.load_button.setToolTip(translate("TaxonomyTab", "Eine mit Quartierslabor gespeicherte Themenliste (JSON)"))
        self.load_button.clicked.connect(self.load_from_file)
        self.reset_button = QPushButton(translate("TaxonomyTab", "Auf eingebaute Vorgabe zurücksetzen"))
        self.reset_button.clicked.connect(self.reset_to_builtin)
        self.export_button = QPushButton(translate("TaxonomyTab", "Exportieren …"))
        self.export_button.setToolTip(translate("TaxonomyTab", "Die Themenliste mit allen Stichwörtern und "
                                                               "Beispielkarten als Datei speichern, um sie mit "
                                                               "anderen Moderierenden zu teilen"))
        self.export_button.clicked.connect(self.export_to_file)
        self.add_button = QPushButton(translate("TaxonomyTab", "Thema hinzufügen …"))
        self.add_button.clicked.connect(self.add_cluster_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        self.editor = QGroupBox(translate("TaxonomyTab", "Ausgewähltes Thema"))
        self.name_edit = QLineEdit()
        self.description_edit = QLineEdit()
        self.cues_edit = QPlainTextEdit()
        self.cues_edit.setPlaceholderText(translate("TaxonomyTab", "ein Stichwort pro Zeile, z. B. Taubendreck "
                                                                   "oder Taubendreck:0.8 (Gewicht 0–1)"))
        self.examples_edit = QPlainTextEdit()
        self.examples_edit.setPlaceholderText(translate("TaxonomyTab", "eine typische Karte pro Zeile"))
        for edit in (self.cues_edit, self.examples_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(60)
        self.apply_button = QPushButton(translate("TaxonomyTab", "Änderungen übernehmen"))
        self.apply_button.clicked.connect(self.apply_edit)
        form = QFormLayout(self.editor)
        form.addRow(translate("TaxonomyTab", "Name:"), self.name_edit)
        form.addRow(translate("TaxonomyTab", "Beschreibung:"), self.description_edit)
        form.addRow(translate("TaxonomyTab", "Stichwörter:"), self.cues_edit)
        form.addRow(translate("TaxonomyTab", "Beispielkarten:"), self.examples_edit)
        form.addRow("", self.apply_button)
        hint = QLabel(translate(
            "TaxonomyTab", "Neue Quartierslabore beginnen mit diesen Themen. Im Workshop lassen sich die Themen "
            "eines Labors über „Stadtvorgaben → Themen dieses Labors als Vorgabe für neue Labore speichern“ zur "
            "Vorgabe machen. Bestehende Labore behalten ihre eigenen Themen."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self._editable = has_database
        if not has_database:
            for widget in (self.load_button, self.reset_button, self.add_button, self.apply_button):
                widget.setEnabled(False)
        self._show_selected()

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
        self.reset_button.setEnabled(self._taxonomy is not None and self._editable)
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
        self._show_selected()

    def clusters(self) -> list[ClusterDef]:
        """The taxonomy shown (the city's own or the built-in one)."""
        return list(self._taxonomy) if self._taxonomy is not None else default_taxonomy()

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else -1

    def _show_selected(self) -> None:
        row = self._selected_row()
        clusters = self.clusters()
        cluster = clusters[row] if 0 <= row < len(clusters) else None
        self.editor.setEnabled(cluster is not None and self._editable)
        self.name_edit.setText(cluster.name if cluster else "")
        self.description_edit.setText(cluster.description if cluster else "")
        self.cues_edit.setPlainText(cue_lines(cluster.cues) if cluster else "")
        self.examples_edit.setPlainText("\n".join(cluster.examples) if cluster else "")

    def select_cluster(self, key: str) -> None:
        for row, cluster in enumerate(self.clusters()):
            if cluster.key == key:
                self.table.selectRow(row)

    # -- actions ---------------------------------------------------------------------------------
    def reset_to_builtin(self) -> None:
        self._taxonomy = None
        self._changed = True
        self._show()

    def set_taxonomy(self, clusters: list[ClusterDef]) -> None:
        self._taxonomy = list(clusters)
        self._changed = True
        self._show()

    def apply_edit(self) -> bool:
        """The editor's name, description, cue words and example cards become the selected cluster's."""
        row = self._selected_row()
        clusters = self.clusters()
        if not 0 <= row < len(clusters):
            return False
        try:
            clusters[row] = edited_cluster(clusters[row], name=self.name_edit.text(),
                                           description=self.description_edit.text(),
                                           cues_text=self.cues_edit.toPlainText(),
                                           examples_text=self.examples_edit.toPlainText())
        except UserError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"), localized(exc))
            return False
        key = clusters[row].key
        self.set_taxonomy(clusters)
        self.select_cluster(key)
        return True

    def add_cluster(self, name: str, examples_text: str = "") -> bool:
        clusters = self.clusters()
        try:
            cluster = new_cluster(clusters, name)
        except UserError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"), localized(exc))
            return False
        cluster.examples = parse_example_text(examples_text)
        self.set_taxonomy(clusters + [cluster])
        self.select_cluster(cluster.key)
        return True

    def add_cluster_dialog(self) -> None:
        name, ok = QInputDialog.getText(self, translate("TaxonomyTab", "Thema hinzufügen"),
                                        translate("TaxonomyTab", "Name des neuen Themas:"))
        if ok:
            self.add_cluster(name)

    def export_to_file(self) -> None:
        path = ask_save_path(self, translate("TaxonomyTab", "Themenliste exportieren"), "themenliste.json",
                             translate("TaxonomyTab", "Themenliste (*.json)"), "taxonomy")
        if path is not None:
            self.export_file(path)

    def export_file(self, path: Path) -> bool:
        try:
            write_taxonomy_file(path, self.clusters())
        except UserError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"), localized(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(self, translate("TaxonomyTab", "Standard-Taxonomie"),
                                translate("TaxonomyTab", "Die Datei „{0}“ konnte nicht geschrieben werden ({1}).")
                                .format(path, exc.strerror or exc))
            return False
        return True

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
