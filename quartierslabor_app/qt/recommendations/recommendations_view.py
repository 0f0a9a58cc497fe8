"""The "Empfehlungen" step: clusters to start from, a sortable/filterable table, and the form.

Every edit is one transaction (saved at once) and one step on the undo stack
(Strg+Z / Strg+Umschalt+Z).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QScrollArea, QSplitter, QTableView, QToolButton,
                               QVBoxLayout, QWidget)

from ...core.recommendations.choices import HORIZONS, PRIORITIES, STATUSES
from ...core.recommendations.codes import handlungsfelder
from ...core.storage.database import Database
from ...core.recommendations import editing as persistence
from .cluster_list import ClusterList
from .editor import RecommendationEditor
from .filter_bar import FilterBar
from .form import RecommendationForm
from ...core.recommendations.rows import LabSnapshot, RecommendationRow, load_snapshot
from .table_columns import KeyColumnsFitter
from .table_model import COLUMN_INDEX, RecommendationFilterProxy, RecommendationTableModel
from .undo_commands import (CreateRecommendationCommand, DeleteRecommendationCommand,
                            EditRecommendationCommand)
from ...core import count_texts
from ..i18n import localized, translate

CHOICES = {"priority": PRIORITIES, "horizon": HORIZONS, "status": STATUSES}


def _unique_keys(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


class RecommendationsView(QWidget):
    """Handlungsempfehlungen of one lab. ``refresh()`` re-reads everything from the database.

    ``changed`` is emitted after every saved change (create, edit, delete, undo, redo).
    """

    changed = Signal()

    def __init__(self, database: Database, lab_id: int, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self._snapshot: Optional[LabSnapshot] = None
        self._actors: list[str] = []

        self.undo_stack = QUndoStack(self)
        self.editor = RecommendationEditor(database, lab_id, self)
        self.model = RecommendationTableModel(CHOICES, self)
        self.proxy = RecommendationFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        # -- clusters (left) ---------------------------------------------------------------
        self.cluster_list = ClusterList()
        self.new_for_cluster_button = QPushButton(translate('RecommendationsView', 'Neue Empfehlung zum Thema'))
        self.new_for_cluster_button.setToolTip(translate('RecommendationsView', 'Titel und Handlungsfelder werden aus dem Thema vorgeschlagen.'))
        clusters_box = QGroupBox(translate('RecommendationsView', 'Themen aus dem Workshop'))
        clusters_layout = QVBoxLayout(clusters_box)
        clusters_layout.addWidget(QLabel(translate('RecommendationsView', 'Nach Punkten sortiert. Doppelklick legt eine Empfehlung an.')))
        clusters_layout.itemAt(0).widget().setWordWrap(True)
        clusters_layout.addWidget(self.cluster_list, 1)
        clusters_layout.addWidget(self.new_for_cluster_button)

        # -- table (middle) ----------------------------------------------------------------
        self.new_button = QPushButton(translate('RecommendationsView', 'Neue Empfehlung'))
        self.new_button.setToolTip(translate('RecommendationsView', 'Neue themenübergreifende Empfehlung (das Thema lässt sich im Formular wählen)'))
        self.delete_button = QPushButton(translate('RecommendationsView', 'Löschen …'))
        self.undo_action = self.undo_stack.createUndoAction(self, translate('RecommendationsView', 'Rückgängig'))
        self.undo_action.setShortcuts(_unique_keys(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
                                                   + [QKeySequence("Ctrl+Z")]))
        self.redo_action = self.undo_stack.createRedoAction(self, translate('RecommendationsView', 'Wiederholen'))
        self.redo_action.setShortcuts(_unique_keys([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
                                                   + QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        # compact arrows; the tooltip names the step and the keys ("Rückgängig: Titel ändern (Strg+Z)")
        self.undo_button = undo_button = QToolButton()
        undo_button.setText("↶")
        undo_button.setAccessibleName(translate('RecommendationsView', 'Rückgängig'))
        undo_button.clicked.connect(self.undo_action.trigger)
        self.redo_button = redo_button = QToolButton()
        redo_button.setText("↷")
        redo_button.setAccessibleName(translate('RecommendationsView', 'Wiederholen'))
        redo_button.clicked.connect(self.redo_action.trigger)
        for button in (undo_button, redo_button):
            button.setStyleSheet("QToolButton { font-size: 13pt; padding: 0px 6px; }")
        undo_button.setEnabled(False)
        redo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._update_undo_tips)
        self.undo_stack.redoTextChanged.connect(self._update_undo_tips)
        self._update_undo_tips()
        self.count_label = QLabel()

        self.filter_bar = FilterBar(CHOICES)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_INDEX["priority"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.column_fitter = KeyColumnsFitter(self.table)   # title, Handlungsfeld, priority, status in view
        self.table.setAccessibleName(translate('RecommendationsView', 'Empfehlungen'))
        delete_action = QAction(translate('RecommendationsView', 'Empfehlung löschen'), self.table)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while the table has focus
        delete_action.triggered.connect(lambda: self.delete_current())
        self.table.addAction(delete_action)

        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for w in (self.new_button, self.delete_button, undo_button, redo_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        table_layout.addLayout(buttons)
        table_layout.addWidget(self.filter_bar)
        # the count on its own line: next to the buttons it squeezed them in a narrow middle column
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        table_layout.addWidget(self.count_label)
        self.empty_label = QLabel(translate('RecommendationsView', 'Noch keine Empfehlungen. Wählen Sie links ein Thema und klicken Sie „Neue Empfehlung zum Thema“ – Titel und Handlungsfelder werden vorgeschlagen.'))
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; padding: 12px;")
        table_layout.addWidget(self.empty_label)
        table_layout.addWidget(self.table, 1)

        # -- form (right) ------------------------------------------------------------------
        self.form = RecommendationForm(handlungsfelder(), CHOICES)
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # as wide as the form needs (plus its scroll bar), so that nothing is cut off on the right
        form_scroll.setMinimumWidth(self.form.minimumSizeHint().expandedTo(self.form.minimumSize()).width()
                                    + form_scroll.verticalScrollBar().sizeHint().width()
                                    + 2 * form_scroll.frameWidth())
        self.form_scroll = form_scroll

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(clusters_box)
        splitter.addWidget(table_panel)
        splitter.addWidget(form_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([200, 640, 420])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)     # the main window already leaves a margin
        layout.addWidget(splitter)

        # -- wiring ------------------------------------------------------------------------
        self.editor.rowChanged.connect(self._on_row_changed)
        self.editor.rowRemoved.connect(self._on_row_removed)
        self.editor.failed.connect(self._show_error)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.filter_bar.textChanged.connect(self._on_filter_text)
        self.filter_bar.filterChanged.connect(self._on_filter_changed)
        self.form.fieldEdited.connect(self._on_field_edited)
        self.form.actorEntered.connect(self._on_actor_entered)
        self.new_button.clicked.connect(lambda: self.new_recommendation(None))
        self.new_for_cluster_button.clicked.connect(
            lambda: self.new_recommendation(self.cluster_list.selected_cluster_id()))
        self.cluster_list.newRecommendationRequested.connect(self.new_recommendation)
        self.cluster_list.itemSelectionChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_current)
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.refresh()

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read recommendations, clusters, cards and the actor list (keeps selection and filters)."""
        self.form.flush_pending()
        current = self.current_id()
        self._snapshot = load_snapshot(self.database, self.lab_id)
        self._actors = persistence.actors(self.database)
        self.model.set_snapshot(self._snapshot)
        self.cluster_list.set_snapshot(self._snapshot)
        self.filter_bar.set_options(self._snapshot, self._actors)
        self.form.set_actors(self._actors)
        if current is not None and self.select_recommendation(current):
            pass
        elif self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self._show_current()
        self._update_count()
        self._update_buttons()

    def current_id(self) -> Optional[int]:
        index = self.table.selectionModel().currentIndex()
        return self.proxy.source_id(index) if index.isValid() else None

    def current_row(self) -> Optional[RecommendationRow]:
        rec_id = self.current_id()
        if rec_id is None:
            return None
        i = self.model.row_of(rec_id)
        return self.model.record(i) if i >= 0 else None

    def select_recommendation(self, rec_id: int) -> bool:
        i = self.model.row_of(rec_id)
        if i < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(i, 0))
        if not proxy_index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(proxy_index)
        return True

    def _show_current(self) -> None:
        row = self.current_row()
        if row is None or self.form.record_id() != row.id:
            self.form.set_record(row, self._snapshot)
        # the record in the form stays in the table while it is edited, even if it no longer
        # matches the filters (otherwise typing could continue in another record)
        self.proxy.set_pinned(row.id if row else None)
        self._update_buttons()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.empty_label.setVisible(total == 0)
        self.count_label.setText(localized(count_texts.recommendations(total)) if shown == total
                                 else translate('RecommendationsView', '{shown} von {total}').format(
                                     shown=shown, total=localized(count_texts.recommendations(total))))

    def _update_undo_tips(self, *_args) -> None:
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_button.setToolTip(translate('RecommendationsView', 'Rückgängig: {0} (Strg+Z)').format(undo) if undo
                                    else translate('RecommendationsView', 'Rückgängig (Strg+Z)'))
        self.redo_button.setToolTip(translate('RecommendationsView', 'Wiederholen: {0} (Strg+Umschalt+Z)').format(redo)
                                    if redo else translate('RecommendationsView', 'Wiederholen (Strg+Umschalt+Z)'))

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.current_id() is not None)
        self.new_for_cluster_button.setEnabled(self.cluster_list.selected_cluster_id() is not None)

    # -- commands ---------------------------------------------------------------------------
    def new_recommendation(self, cluster_id: Optional[int] = None) -> Optional[int]:
        """Create a recommendation (prefilled from ``cluster_id``); returns its id."""
        self.form.flush_pending()
        values = persistence.new_values_for_cluster(self.database, cluster_id, translate('Persistence', 'Neue Empfehlung'))
        command = CreateRecommendationCommand(self.editor, values)
        self.undo_stack.push(command)
        if command.ref is None:
            return None
        if not self.select_recommendation(command.ref.id):
            # hidden by a filter: clear the filters so that the new recommendation is visible
            self.filter_bar.reset()
            self.select_recommendation(command.ref.id)
        self.form.title_edit.setFocus()
        self.form.title_edit.selectAll()
        return command.ref.id

    def delete_current(self, confirm: bool = True) -> bool:
        row = self.current_row()
        if row is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, translate('RecommendationsView', 'Empfehlung löschen'),
                translate('RecommendationsView', 'Die Empfehlung „{0}“ löschen?\n\nSie können das mit „Rückgängig“ (Strg+Z) wieder zurücknehmen.').format(row.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.form.flush_pending()
        proxy_row = self.table.selectionModel().currentIndex().row()
        self.undo_stack.push(DeleteRecommendationCommand(self.editor, self.editor.ref_for(row.id), row.title))
        if self.proxy.rowCount() > 0:
            self.table.selectRow(min(proxy_row, self.proxy.rowCount() - 1))
        return True

    def _on_field_edited(self, field: str, value, merge_key) -> None:
        row = self.current_row()
        if row is None or row.id != self.form.record_id():
            # the form shows a record that is no longer current (e.g. flush while switching)
            rec_id = self.form.record_id()
            if rec_id is None:
                return
            i = self.model.row_of(rec_id)
            if i < 0:
                return
            row = self.model.record(i)
        old = getattr(row, field)
        if old == value:
            return
        ref = self.editor.ref_for(row.id)
        if field == "cluster_id" and value is not None and not row.handlungsfeld_codes:
            # no Handlungsfeld yet: take the new cluster's proposal along (one undo step)
            codes = persistence.new_values_for_cluster(self.database, value, '')["handlungsfeld_codes"]
            if codes:
                self.undo_stack.beginMacro(translate('RecommendationsView', 'Thema ändern'))
                self.undo_stack.push(EditRecommendationCommand(self.editor, ref, field, old, value))
                self.undo_stack.push(EditRecommendationCommand(self.editor, ref, "handlungsfeld_codes", "", codes))
                self.undo_stack.endMacro()
                return
        self.undo_stack.push(EditRecommendationCommand(self.editor, ref, field, old, value, merge_key))

    def _on_actor_entered(self, name: str) -> None:
        try:
            self._actors = persistence.remember_actor(self.database, name)
        except Exception as exc:  # noqa: BLE001 - a bad actor name must not lose the edit
            self._show_error(localized(exc))
            return
        self.form.set_actors(self._actors)
        if self._snapshot is not None:
            self.filter_bar.set_options(self._snapshot, self._actors)

    # -- model updates from the editor ----------------------------------------------------
    def _sync_snapshot(self) -> None:
        if self._snapshot is not None:
            self._snapshot.recommendations = self.model.rows()
            self.cluster_list.set_snapshot(self._snapshot)

    def _on_row_changed(self, row: RecommendationRow) -> None:
        self.changed.emit()
        inserted = self.model.row_of(row.id) < 0
        self.model.upsert(row)
        self._sync_snapshot()
        if self._snapshot is not None and (inserted or row.actor and row.actor not in self._actors
                                           or row.handlungsfeld_codes):
            self.filter_bar.set_options(self._snapshot, self._actors)
        if inserted:
            self.select_recommendation(row.id)
        if self.form.record_id() == row.id:
            self.form.set_record(row, self._snapshot)
        elif self.current_id() == row.id:
            self._show_current()

    def _on_row_removed(self, rec_id: int) -> None:
        self.changed.emit()
        self.model.remove(rec_id)
        self._sync_snapshot()
        if self.form.record_id() == rec_id:
            self._show_current()

    # -- filters ----------------------------------------------------------------------------
    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _on_filter_changed(self, key: str, value) -> None:
        self.proxy.set_filter(key, value)
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        if self.current_id() is None and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self._show_current()

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, translate('RecommendationsView', 'Empfehlungen'), message)

    # -- Qt -------------------------------------------------------------------------------
    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.form.flush_pending()
        super().hideEvent(event)
