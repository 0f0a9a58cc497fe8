"""List model of the cards in one cluster (drag source and drop target)."""
from __future__ import annotations

import json
from typing import Callable, Optional

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt, QTimer

from ...core.board.state import CardState
from .board_store import card_order
from .reason_text import localized_reason
from ...core.board.table_tag import table_label
from ..i18n import localized, translate

CARD_MIME = "application/x-quartierslabor-cards"
CardRole = Qt.ItemDataRole.UserRole + 1


def encode_card_ids(card_ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CARD_MIME, QByteArray(json.dumps(list(card_ids)).encode("ascii")))
    return mime


def decode_card_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(CARD_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(mime.data(CARD_MIME)).decode("ascii"))]
    except (ValueError, TypeError):
        return []


class ClusterCardModel(QAbstractListModel):
    """The live cards of one cluster, in board order. Updated card by card."""

    def __init__(self, cluster_id: int, drop_handler: Optional[Callable[[list[int], int, Optional[int]], None]] = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.cluster_id = cluster_id
        self.drop_handler = drop_handler
        self._cards: list[CardState] = []

    # -- content ------------------------------------------------------------------------
    def set_cards(self, cards: list[CardState]) -> None:
        self.beginResetModel()
        self._cards = sorted(cards, key=card_order)
        self.endResetModel()

    def cards(self) -> list[CardState]:
        return list(self._cards)

    def row_of(self, card_id: int) -> int:
        for row, card in enumerate(self._cards):
            if card.id == card_id:
                return row
        return -1

    def upsert(self, card: CardState) -> int:
        """Insert or update one card; returns its row."""
        row = self.row_of(card.id)
        key = card_order(card)
        if row >= 0 and (row == 0 or card_order(self._cards[row - 1]) <= key) and \
                (row == len(self._cards) - 1 or key <= card_order(self._cards[row + 1])):
            self._cards[row] = card
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return row
        if row >= 0:
            self.remove(card.id)
        new_row = 0
        while new_row < len(self._cards) and card_order(self._cards[new_row]) < key:
            new_row += 1
        self.beginInsertRows(QModelIndex(), new_row, new_row)
        self._cards.insert(new_row, card)
        self.endInsertRows()
        return new_row

    def remove(self, card_id: int) -> bool:
        row = self.row_of(card_id)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._cards[row]
        self.endRemoveRows()
        return True

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return card.text
        if role == CardRole:
            return card
        if role == Qt.ItemDataRole.ToolTipRole:
            return card_tooltip(card)
        return None

    def flags(self, index: QModelIndex):
        base = Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = [self._cards[i.row()].id for i in indexes if i.isValid()]
        return encode_card_ids(ids)

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(CARD_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        ids = decode_card_ids(data)
        if not ids or self.drop_handler is None:
            return False
        if parent.isValid():
            row = parent.row()
        handler, cluster_id, row = self.drop_handler, self.cluster_id, (row if row >= 0 else None)
        # handled after the drag finished, so the views are not changed under the running drag;
        # tied to the model, so a drop never lands after the board (and its database) is gone
        QTimer.singleShot(0, self, lambda: handler(ids, cluster_id, row))
        # the store updates the models itself; returning False stops Qt from removing the source rows
        return False


def card_tooltip(card: CardState) -> str:
    lines = [card.text]
    if card.reason or card.reason_data:
        lines.append(localized_reason(card.reason, card.reason_data))
    meta = []
    if card.place:
        meta.append(translate('CardModel', 'Ort: {0}').format(card.place))
    if card.table_tag:
        meta.append(localized(table_label(card.table_tag)))
    if card.votes:
        meta.append(translate('CardModel', 'Punkte: {0}').format(card.votes))
    if card.pinned:
        meta.append(translate('CardModel', 'angeheftet'))
    if meta:
        lines.append(" · ".join(meta))
    return "\n".join(lines)
