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
        # a stretched last column never gets narrower than the header's default section size
        least = header.defaultSectionSize() if header.stretchLastSection() else 0
        self.natural = {c: (max(table.sizeHintForColumn(c), header.sectionSizeHint(c), least) if c == last
                            else table.columnWidth(c)) for c in range(count)}
        self.fit()

    def fit(self) -> None:
        if not self.natural:
            return
        header = self.table.horizontalHeader()
        shown = [c for c in self.natural if not header.isSectionHidden(c)]
        flexible = [c for c in self.flexible if c in shown]
        excess = sum(self.natural[c] for c in shown) - self.table.viewport().width()
        natural = {c: self.natural[c] for c in flexible}
        # a header is never cut: its text (and sort arrow) is the least a column keeps
        floors = {c: min(width, max(MIN_WIDTH, header.sectionSizeHint(c))) for c, width in natural.items()}
        cap = _cap(natural, floors, excess) if excess > 0 else None
        self._apply(natural, floors, cap)
        # a stretched last column keeps at least its default size: then the others give up that much more
        over = header.length() - self.table.viewport().width()
        if over > 0 and cap is not None:
            self._apply(natural, floors, _cap(natural, floors, excess + over))

    def _apply(self, natural: dict[int, int], floors: dict[int, int], cap: "int | None") -> None:
        for c, width in natural.items():
            width = width if cap is None else max(floors[c], min(width, cap))
            if self.table.columnWidth(c) != width:
                self.table.setColumnWidth(c, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def _cap(natural: dict[int, int], floors: dict[int, int], excess: int) -> int:
    """The largest width limit that takes ``excess`` from the columns (``natural`` widths, never below their
    ``floors``): the widest columns give up room first, narrow ones keep their text whole."""
    def taken(cap: int) -> int:
        return sum(width - max(floors[c], min(width, cap)) for c, width in natural.items())

    low, high = 0, max(natural.values(), default=0)      # taken(high) is 0; find the largest cap with enough
    while low < high:
        middle = (low + high + 1) // 2
        if taken(middle) >= excess:
            low = middle
        else:
            high = middle - 1
    return low
