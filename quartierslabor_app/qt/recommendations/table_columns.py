"""The recommendations table on a small screen: title, Handlungsfeld, priority and status first and
always in view; the title column takes what the others leave, the rest follow to the right."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

from .table_model import COLUMN_INDEX

#: the columns a reader needs without scrolling, in the order shown
KEY_COLUMNS = ("title", "handlungsfeld_codes", "priority", "status")
#: the rest, in the order shown after them
OTHER_COLUMNS = ("votes", "actor", "horizon", "cluster", "place")
WIDTHS = {"title": 240, "handlungsfeld_codes": 105, "actor": 130, "priority": 72, "horizon": 92, "status": 76,
          "cluster": 150, "votes": 50, "place": 110}
MIN_TITLE_WIDTH = 120
#: room for the header's margins and the sort arrow
HEADER_PADDING = 22


class KeyColumnsFitter(QObject):
    """Keeps the key columns inside the table's viewport: the title column gets the width the other
    key columns leave (never less than :data:`MIN_TITLE_WIDTH`)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        for visual, key in enumerate(KEY_COLUMNS + OTHER_COLUMNS):
            header.moveSection(header.visualIndex(COLUMN_INDEX[key]), visual)
        for key, width in WIDTHS.items():
            if key not in KEY_COLUMNS:
                table.setColumnWidth(COLUMN_INDEX[key], max(width, self._header_width(key)))
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self.size_key_columns)
        table.viewport().installEventFilter(self)
        self.size_key_columns()

    def _header_width(self, key: str) -> int:
        """The header text in full, with room for the margins and the sort arrow."""
        header = self.table.horizontalHeader()
        text = str(self.table.model().headerData(COLUMN_INDEX[key], Qt.Orientation.Horizontal))
        return header.fontMetrics().horizontalAdvance(text) + HEADER_PADDING

    def size_key_columns(self, *_args) -> None:
        """Handlungsfeld, priority and status as wide as their header or their widest value, not more
        (a small screen has no room to spare); then the title gets the rest."""
        for key in KEY_COLUMNS[1:]:
            column = COLUMN_INDEX[key]
            self.table.setColumnWidth(column, max(self._header_width(key), self.table.sizeHintForColumn(column)))
        self.fit()

    def fit(self) -> None:
        others = sum(self.table.columnWidth(COLUMN_INDEX[key]) for key in KEY_COLUMNS[1:])
        available = self.table.viewport().width() - others
        self.table.setColumnWidth(COLUMN_INDEX["title"], max(MIN_TITLE_WIDTH, min(WIDTHS["title"] * 2, available)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
