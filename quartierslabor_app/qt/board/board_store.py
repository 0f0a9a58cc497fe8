"""In-memory mirror of the board that the views draw from, with change signals.

The store only ever receives states the database confirmed (returned by BoardService),
and tells every view (board, presenter) exactly what changed.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Signal

from ...core.board.state import BoardSnapshot, CardState, ClusterState


class BoardStore(QObject):
    card_changed = Signal(object, object)      # new CardState (live), old CardState or None
    card_removed = Signal(object)              # old CardState (deleted or gone)
    cluster_changed = Signal(object)           # ClusterState (new or changed)
    cluster_removed = Signal(int)
    clusters_reordered = Signal()
    cards_regrouped = Signal(object)           # set of cluster ids whose cards changed in bulk
    reset = Signal()

    #: from this many changed cards on, views rebuild the affected columns instead of row updates
    BULK = 24

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.clusters: dict[int, ClusterState] = {}
        self.cards: dict[int, CardState] = {}          # live cards only
        self.deleted: dict[int, CardState] = {}

    # -- queries ------------------------------------------------------------------------
    def ordered_clusters(self) -> list[ClusterState]:
        return sorted(self.clusters.values(), key=lambda c: (c.position, c.id))

    def cards_of(self, cluster_id: int) -> list[CardState]:
        return sorted((c for c in self.cards.values() if c.cluster_id == cluster_id), key=card_order)

    def count(self, cluster_id: int) -> int:
        return sum(1 for c in self.cards.values() if c.cluster_id == cluster_id)

    # -- updates ------------------------------------------------------------------------
    def load(self, snapshot: BoardSnapshot) -> None:
        self.clusters = {c.id: c for c in snapshot.clusters}
        self.cards = {c.id: c for c in snapshot.cards if not c.deleted}
        self.deleted = {c.id: c for c in snapshot.cards if c.deleted}
        self.reset.emit()

    def put_card(self, state: CardState) -> None:
        old = self.cards.get(state.id)
        if state.deleted:
            self.deleted[state.id] = state
            if old is not None:
                del self.cards[state.id]
                self.card_removed.emit(old)
            return
        self.deleted.pop(state.id, None)
        self.cards[state.id] = state
        self.card_changed.emit(state, old)

    def put_cards(self, states) -> None:
        states = list(states)
        if len(states) < self.BULK:
            for state in states:
                self.put_card(state)
            return
        touched: set[int] = set()
        for state in states:
            old = self.cards.pop(state.id, None) or self.deleted.pop(state.id, None)
            if old is not None:
                touched.add(old.cluster_id)
            if state.deleted:
                self.deleted[state.id] = state
            else:
                self.cards[state.id] = state
                touched.add(state.cluster_id)
        self.cards_regrouped.emit(touched)

    def put_cluster(self, state: ClusterState) -> None:
        old = self.clusters.get(state.id)
        self.clusters[state.id] = state
        self.cluster_changed.emit(state)
        if old is not None and old.position != state.position:
            self.clusters_reordered.emit()

    def drop_cluster(self, cluster_id: int) -> None:
        if self.clusters.pop(cluster_id, None) is not None:
            self.cluster_removed.emit(cluster_id)


def card_order(card: CardState) -> tuple:
    """Pinned cards first at the place they were put, then the others in typing order."""
    if card.pinned and card.pos_y is not None:
        return (0, card.pos_y, card.id)
    return (1, 0.0, card.id)
