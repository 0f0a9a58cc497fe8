"""Table model and filter proxy for a lab's recommendations."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from .choice_labels import PRIORITY_COLORS, STATUS_COLORS, choice_label
from ...core.recommendations.rows import LabSnapshot, RecommendationRow, split_codes, split_ids
from ..i18n import translate

#: sort key role (numbers for priority/horizon/status so that "hoch" sorts before "niedrig")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the recommendation id of a row
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: cluster filter value meaning "recommendations without a cluster"
NO_CLUSTER = -1

COLUMNS = (
    ("title", QT_TRANSLATE_NOOP("RecommendationTableModel", "Titel")),
    ("handlungsfeld_codes", QT_TRANSLATE_NOOP("RecommendationTableModel", "Handlungsfeld")),
    ("actor", QT_TRANSLATE_NOOP("RecommendationTableModel", "Zuständig")),
    ("priority", QT_TRANSLATE_NOOP("RecommendationTableModel", "Priorität")),
    ("horizon", QT_TRANSLATE_NOOP("RecommendationTableModel", "Zeithorizont")),
    ("status", QT_TRANSLATE_NOOP("RecommendationTableModel", "Status")),
    ("cluster", QT_TRANSLATE_NOOP("RecommendationTableModel", "Thema")),
    ("votes", QT_TRANSLATE_NOOP("RecommendationTableModel", "Punkte")),
    ("place", QT_TRANSLATE_NOOP("RecommendationTableModel", "Ort")),
)
COLUMN_INDEX = {key: i for i, (key, _label) in enumerate(COLUMNS)}



class RecommendationTableModel(QAbstractTableModel):
    """Rows are :class:`RecommendationRow` snapshots; editing goes through the view's undo stack."""

    def __init__(self, ranks: dict[str, tuple[str, ...]], parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RecommendationRow] = []
        self._snapshot: Optional[LabSnapshot] = None
        self._ranks = ranks  # field -> ordered allowed values (priority, horizon, status)

    # -- data -----------------------------------------------------------------------
    def set_snapshot(self, snapshot: LabSnapshot) -> None:
        self.beginResetModel()
        self._snapshot = snapshot
        self._rows = list(snapshot.recommendations)
        self.endResetModel()

    def snapshot(self) -> Optional[LabSnapshot]:
        return self._snapshot

    def rows(self) -> list[RecommendationRow]:
        return list(self._rows)

    def row_of(self, rec_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == rec_id:
                return i
        return -1

    def record(self, row: int) -> RecommendationRow:
        return self._rows[row]

    def upsert(self, rec: RecommendationRow) -> None:
        i = self.row_of(rec.id)
        if i >= 0:
            self._rows[i] = rec
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        else:
            pos = len(self._rows)
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.append(rec)
            self.endInsertRows()

    def remove(self, rec_id: int) -> None:
        i = self.row_of(rec_id)
        if i >= 0:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()

    # -- Qt API ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("RecommendationTableModel", COLUMNS[section][1])
        return None

    def _cluster_name(self, rec: RecommendationRow) -> str:
        if self._snapshot is None or rec.cluster_id is None:
            return ""
        cl = self._snapshot.cluster(rec.cluster_id)
        return cl.name if cl else ""

    def _votes(self, rec: RecommendationRow) -> int:
        return self._snapshot.linked_votes(rec) if self._snapshot else 0

    def display_value(self, rec: RecommendationRow, key: str):
        if key == "cluster":
            return self._cluster_name(rec)
        if key == "votes":
            return self._votes(rec)
        if key == "handlungsfeld_codes":
            return ", ".join(split_codes(rec.handlungsfeld_codes))
        if key in ("priority", "horizon", "status"):
            return choice_label(getattr(rec, key))
        return getattr(rec, key)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.display_value(rec, key)
            if key == "votes":
                return str(value) if split_ids(rec.linked_card_ids) else ""
            return value
        if role == SORT_ROLE:
            if key in self._ranks:
                values = self._ranks[key]
                value = getattr(rec, key)
                return values.index(value) if value in values else len(values)
            if key == "votes":
                return self._votes(rec)
            if key == "handlungsfeld_codes":
                codes = split_codes(rec.handlungsfeld_codes)
                return ".".join(f"{int(p):04d}" if p.isdigit() else p
                                for p in (codes[0].split(".") if codes else ["9999"]))
            return str(self.display_value(rec, key)).casefold()
        if role == ID_ROLE:
            return rec.id
        if role == Qt.ItemDataRole.ToolTipRole and key in ("title", "handlungsfeld_codes"):
            return rec.text if key == "title" else rec.handlungsfeld_codes
        if role == Qt.ItemDataRole.BackgroundRole:
            if key == "priority" and rec.priority in PRIORITY_COLORS:
                return QBrush(QColor(PRIORITY_COLORS[rec.priority]))
            if key == "status" and rec.status in STATUS_COLORS:
                return QBrush(QColor(STATUS_COLORS[rec.status]))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "votes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecommendationFilterProxy(QSortFilterProxyModel):
    """Text filter plus one exact-match filter per combo (Handlungsfeld matches sub-codes too)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._filters: dict[str, object] = {}
        self._pinned: Optional[int] = None
        self._changing = False

    def set_pinned(self, rec_id: Optional[int]) -> None:
        """Keep this record visible even if an edit makes it fail the filters (the one in the form).

        Changing a filter clears the pin, so filters always apply to what the user asked for.
        """
        old = self._pinned
        if rec_id == old:
            return
        self._pinned = rec_id
        # the new pin is the current row and thus visible already; only a previously pinned row
        # that no longer matches has to go. Never re-filter while a filter change is running.
        if old is not None and not self._changing and not self._matches_id(old):
            self._refilter()

    def _refilter(self) -> None:
        self._changing = True
        try:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        finally:
            self._changing = False

    def _matches_id(self, rec_id: int) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecommendationTableModel):
            return True
        i = model.row_of(rec_id)
        return i < 0 or self._matches(model, model.record(i))

    def set_text(self, text: str) -> None:
        self._pinned = None
        self._text = (text or "").strip().casefold()
        self._refilter()

    def set_filter(self, key: str, value) -> None:
        """``key`` in handlungsfeld/actor/priority/horizon/status/cluster; ``None`` clears it."""
        self._pinned = None
        if value is None:
            self._filters.pop(key, None)
        else:
            self._filters[key] = value
        self._refilter()

    def active_filters(self) -> dict[str, object]:
        return dict(self._filters)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, RecommendationTableModel):
            return True
        rec = model.record(source_row)
        if self._pinned is not None and rec.id == self._pinned:
            return True
        return self._matches(model, rec)

    def _matches(self, model: RecommendationTableModel, rec: RecommendationRow) -> bool:
        for key, value in self._filters.items():
            if key == "handlungsfeld":
                codes = split_codes(rec.handlungsfeld_codes)
                if not any(c == value or c.startswith(f"{value}.") for c in codes):
                    return False
            elif key == "cluster":
                if (rec.cluster_id if rec.cluster_id is not None else NO_CLUSTER) != value:
                    return False
            elif getattr(rec, key) != value:
                return False
        if self._text:
            haystack = " ".join([rec.title, rec.text, rec.actor, rec.place, rec.status_note,
                                 rec.handlungsfeld_codes, model.display_value(rec, "cluster")]).casefold()
            if self._text not in haystack:
                return False
        return True

    def source_id(self, proxy_index) -> Optional[int]:
        if not proxy_index.isValid():
            return None
        return self.data(proxy_index, ID_ROLE)


