"""Table model of the labs, and the sort/filter proxy the main window shows."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...core import count_texts
from ..i18n import localized, translate
from ...core.lab_service import LabRow
from .lab_texts import format_date

LAB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_DISTRICT, COL_DATE, COL_NAME = range(3)


def header_labels() -> tuple[str, str, str]:
    """Column titles in the UI language."""
    return (translate("LabTableModel", "Stadtbezirk"), translate("LabTableModel", "Datum"),
            translate("LabTableModel", "Name"))


_Index = QModelIndex | QPersistentModelIndex


class LabTableModel(QAbstractTableModel):
    """Labs as rows: Stadtbezirk, Datum, Name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[LabRow] = []

    def set_rows(self, rows: list[LabRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def lab_row(self, row: int) -> LabRow:
        return self._rows[row]

    def row_of_lab(self, lab_id: int) -> Optional[int]:
        for i, lab in enumerate(self._rows):
            if lab.id == lab_id:
                return i
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_labels()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        lab = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (lab.district, format_date(lab.date), lab.name)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            venue = f"\n{lab.venue}" if lab.venue else ""
            places = localized(count_texts.places(lab.capacity))
            return f"{lab.name}\n{lab.district}, {format_date(lab.date)}{venue}\n{places}"
        if role == LAB_ID_ROLE:
            return lab.id
        if role == SORT_ROLE:
            return _sort_key(lab, col)
        return None


def _date_key(value: Optional[dt.date]) -> str:
    return value.isoformat() if value else "9999-99-99"  # labs without a date last


def _sort_key(lab: LabRow, column: int) -> str:
    district = lab.district.casefold()
    name = lab.name.casefold()
    date = _date_key(lab.date)
    if column == COL_DATE:
        return f"{date}\x00{district}\x00{name}"
    if column == COL_NAME:
        return f"{name}\x00{date}"
    return f"{district}\x00{date}\x00{name}"


class LabFilterProxy(QSortFilterProxyModel):
    """Sorts by district then date (or the clicked column); filters on every column and the venue."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._needle = ""

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._needle = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = text.strip().casefold()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        if not isinstance(model, LabTableModel):
            return True
        lab = model.lab_row(source_row)
        haystack = " ".join((lab.name, lab.district, lab.venue, format_date(lab.date),
                             lab.date.isoformat() if lab.date else "")).casefold()
        return all(word in haystack for word in self._needle.split())

    def lab_id_at(self, proxy_row: int) -> Optional[int]:
        index = self.index(proxy_row, 0)
        return index.data(LAB_ID_ROLE) if index.isValid() else None
