"""The labs on the left of the main window: a title, a filter line and the sortable table of labs."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from ...core.lab_service import LabRow
from ..i18n import translate
from .lab_list_model import COL_DISTRICT, LAB_ID_ROLE, LabFilterProxy, LabTableModel

#: wide step views must not squeeze the lab list below this
LAB_LIST_MIN_WIDTH = 280


class LabList(QWidget):
    """Shows the labs and says which one is current; knows nothing of the steps on the right."""

    #: the current row's lab (a :class:`LabRow`), or None when no row is current
    current_changed = Signal(object)
    #: a lab was double-clicked
    edit_requested = Signal()
    #: the filter text changed (the right side may say that no lab matches)
    filter_changed = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        title = QLabel(translate("MainWindow", "Quartierslabore"))
        title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        layout.addWidget(title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(translate("MainWindow", "Filtern nach Name, Bezirk, Datum, Ort …"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)

        self.model = LabTableModel(self)
        self.proxy = LabFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.filter_edit.textChanged.connect(self.filter_changed)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_DISTRICT, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the name wraps, no side scrolling
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        # rows grow with the wrapped name whenever the name column gets narrower or wider
        self._row_height_timer = QTimer(self)
        self._row_height_timer.setSingleShot(True)
        self._row_height_timer.setInterval(0)
        self._row_height_timer.timeout.connect(self.view.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._row_height_timer.start())
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.view.doubleClicked.connect(lambda _index: self.edit_requested.emit())
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(LAB_LIST_MIN_WIDTH)

    # -- rows ---------------------------------------------------------------------------
    def set_rows(self, rows: list[LabRow]) -> None:
        self.model.set_rows(rows)
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        self.view.resizeRowsToContents()

    def select_lab(self, lab_id: int) -> Optional[LabRow]:
        """Make this lab the current row; its row, or None when it is not in the list (or filtered out)."""
        source_row = self.model.row_of_lab(lab_id)
        if source_row is None:
            return None
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not proxy_index.isValid():
            return None
        self.view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return self.model.lab_row(source_row)

    def select_first(self) -> bool:
        """Make the first lab shown the current one; False when the list shows none."""
        if self.proxy.rowCount() == 0:
            return False
        self.view.selectRow(0)
        self.view.setCurrentIndex(self.proxy.index(0, 0))
        return True

    def lab_ids_in_view(self) -> list[int]:
        """Lab ids in the order the list shows them (after sorting and filtering)."""
        return [self.proxy.index(r, 0).data(LAB_ID_ROLE) for r in range(self.proxy.rowCount())]

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.current_changed.emit(None)
            return
        self.current_changed.emit(self.model.lab_row(self.proxy.mapToSource(current).row()))

    # -- filter -------------------------------------------------------------------------
    def filter_text(self) -> str:
        return self.filter_edit.text()

    def hides_every_lab(self) -> bool:
        """The filter hides every lab there is."""
        return (bool(self.filter_edit.text().strip()) and self.model.rowCount() > 0
                and self.proxy.rowCount() == 0)

    def clear_filter(self) -> None:
        self.filter_edit.clear()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()
