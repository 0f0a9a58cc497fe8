"""A table whose columns fit its width on a small screen: the long text columns give up room (their
texts end in "…", the widest first) so that the short columns at the right, the ones a user marks, stay in view."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

#: a shrunk column keeps at least this much (or its full width, when that is less)
MIN_WIDTH = 72


class ColumnsFitter(QObject):
    """``ColumnsFitter(table, flexible)``: after :meth:`remember` (call it once the columns were sized to
    their contents), the widest ``flexible`` columns shrink to a common width whenever the
    columns together are wider than the table's viewport, and grow back to their own width when there
    is room again. The other columns keep their width."""

    def __init__(self, table: QTableView, flexible: Sequence[int]) -> None:
        super().__init__(table)
        self.table, self.flexible = table, tuple(flexible)
        self.natural: dict[int, int] = {}
        table.viewport().installEventFilter(self)

    def remember(self) -> None:
        """Take the columns' current widths as their own; the last one (which may be stretched) by its contents."""
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        last = header.logicalIndex(count - 1) if count else -1
        self.natural = {c: (max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) if c == last
                            else table.columnWidth(c)) for c in range(count)}
        self.fit()

    def fit(self) -> None:
        if not self.natural:
            return
        header = self.table.horizontalHeader()
        shown = [c for c in self.natural if not header.isSectionHidden(c)]
        flexible = [c for c in self.flexible if c in shown]
        excess = sum(self.natural[c] for c in shown) - self.table.viewport().width()
        cap = _cap(sorted((self.natural[c] for c in flexible), reverse=True), excess) if excess > 0 else None
        widths = {c: self.natural[c] if cap is None else min(self.natural[c], cap) for c in flexible}
        for c, width in widths.items():
            if self.table.columnWidth(c) != width:
                self.table.setColumnWidth(c, width)
        # a stretched last column keeps at least its default size: the widest flexible column gives that up too
        over = header.length() - self.table.viewport().width()
        if over > 0 and cap is not None and widths:
            widest = max(widths, key=widths.get)
            self.table.setColumnWidth(widest, max(MIN_WIDTH, widths[widest] - over))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def _cap(widths: list[int], excess: int) -> int:
    """The largest width limit (not under :data:`MIN_WIDTH`) that takes ``excess`` from the columns of
    ``widths`` (widest first): the widest columns give up room first, narrow ones keep their text whole."""
    widths = [w for w in widths if w > MIN_WIDTH]
    taken_above = 0
    for k, width in enumerate(widths):
        below = widths[k + 1] if k + 1 < len(widths) else MIN_WIDTH
        below = max(below, MIN_WIDTH)
        # lowering the limit from ``width`` to ``below`` takes (width - below) from each of the k + 1 widest
        if taken_above + (k + 1) * (width - below) >= excess:
            return max(MIN_WIDTH, width - -(-(excess - taken_above) // (k + 1)))
        taken_above += (k + 1) * (width - below)
    return MIN_WIDTH
